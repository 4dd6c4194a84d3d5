import type { AuditAction } from "@countersign/shared/audit";
import { sqliteConnection, type Db, type Tx } from "../db/client";
import type { Actor } from "../lib/context";
import { canonicalJson } from "../lib/hash";
import { statement, type SqlStatement } from "../lib/prepared";
import { engineOf } from "../db/transaction";
import { entryHash, genesisHash } from "./chain";

export type AuditEvent = {
  action: AuditAction;
  entityType: string;
  entityId: string;
  /** Facts about the change, by id: no names or emails, so erasing a person never breaks the chain. */
  payload?: Record<string, unknown>;
};

/** Appends one entry inside the caller's transaction: if the change rolls back, so does its entry. */
export async function appendAudit(tx: Tx, actor: Actor, at: number, event: AuditEvent) {
  await holdTheLog(tx);
  // Every state change appends one: the statements are prepared once per connection, not built and compiled per call.
  const head = await statement(tx, headSql).get() as { seq: number; hash: string } | undefined;
  const entry = chainedEntry(head, actor, at, event);
  await insertEntry(statement(tx, insertSql), entry);
  return entry.seq;
}

/**
 * On PostgreSQL several processes write at once: the transaction takes the log's lock before it
 * reads the head, and holds it until it commits, so every entry chains onto the one committed
 * before it and the chain stays one line. (SQLite's writers already take turns.)
 */
export async function holdTheLog(tx: Tx) {
  if (engineOf(tx) === "postgres") await statement(tx, `SELECT pg_advisory_xact_lock(${auditLogLock})`).run();
}

/** The advisory lock key of the audit log (any constant the instance uses for nothing else). */
const auditLogLock = 0x4155_4449; // "AUDI"

const headSql = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
const insertSql =
  "INSERT INTO audit_log (seq, at, actor_type, actor_id, action, entity_type, entity_id, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
const insertEntry = (insert: SqlStatement, e: Awaited<ReturnType<typeof chainedEntry>>) =>
  insert.run(e.seq, e.at, e.actorType, e.actorId, e.action, e.entityType, e.entityId, e.payload, e.prevHash, e.hash);

/** Appends one entry; on SQLite at once (a number), on PostgreSQL once its statements have run. */
export type AuditAppend = (actor: Actor, at: number, event: AuditEvent) => number | Promise<number>;
type Statements = { head: () => { seq: number; hash: string } | undefined; insert: (entry: Awaited<ReturnType<typeof chainedEntry>>) => void };
const prepared = new WeakMap<object, Statements>();

/**
 * The head read and the insert as better-sqlite3 statements, prepared once per database: an
 * intake appends one entry per escalation, and drizzle's per-value mapping of a prepared
 * statement costs more than running it. Every column is a string or a number, stored as given.
 */
function statementsFor(db: Db): Statements {
  let statements = prepared.get(sqliteConnection(db));
  if (statements) return statements;
  const head = sqliteConnection(db).prepare<[], { seq: number; hash: string }>(headSql);
  const insert = sqliteConnection(db).prepare(insertSql);
  statements = { head: () => head.get(), insert: (e) => void insert.run(e.seq, e.at, e.actorType, e.actorId, e.action, e.entityType, e.entityId, e.payload, e.prevHash, e.hash) };
  prepared.set(sqliteConnection(db), statements);
  return statements;
}

/**
 * appendAudit for use cases that append hundreds of entries in one write transaction (a batch):
 * the head is read once, then each entry chains onto the one before it in memory, which holds
 * because the transaction is IMMEDIATE (no other writer until it ends). Create one per
 * transaction, inside it, on the transaction's database (the same connection): the entries
 * commit or roll back with the change.
 */
export function auditChainWriter(db: Db): AuditAppend {
  if (engineOf(db) === "postgres") return pgChainWriter(db);
  const statements = statementsFor(db);
  let head: { seq: number; hash: string } | undefined | null = null;
  return (actor, at, event) => {
    if (head === null) head = statements.head();
    const entry = chainedEntry(head, actor, at, event);
    statements.insert(entry);
    head = { seq: entry.seq, hash: entry.hash };
    return entry.seq;
  };
}

/** auditChainWriter on PostgreSQL: the log's lock is taken with the first entry and held to the commit. */
function pgChainWriter(db: Db): AuditAppend {
  let head: { seq: number; hash: string } | undefined | null = null;
  return async (actor, at, event) => {
    if (head === null) {
      await holdTheLog(db);
      head = await statement(db, headSql).get<{ seq: number; hash: string }>();
    }
    const entry = chainedEntry(head, actor, at, event);
    await insertEntry(statement(db, insertSql), entry);
    head = { seq: entry.seq, hash: entry.hash };
    return entry.seq;
  };
}

// The last instant written as ISO text: a batch's entries all share one.
let lastAt = { at: Number.NaN, iso: "" };

function chainedEntry(head: { seq: number; hash: string } | undefined, actor: Actor, at: number, event: AuditEvent) {
  if (lastAt.at !== at) lastAt = { at, iso: new Date(at).toISOString() };
  const entry = {
    seq: (head?.seq ?? 0) + 1,
    at: lastAt.iso,
    actorType: actor.type,
    actorId: actor.id ?? null,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    payload: canonicalJson(event.payload ?? {}),
    prevHash: head?.hash ?? genesisHash,
  };
  return { ...entry, hash: entryHash(entry) };
}
