import type { AuditAction } from "@countersign/shared/audit";
import { sqliteConnection, type Db, type Tx } from "../db/client";
import type { Actor } from "../lib/context";
import { canonicalJson } from "../lib/hash";
import { statement, type SqlStatement } from "../lib/prepared";
import { engineOf, inTransactionMemo, type Opening } from "../db/transaction";
import { entryHash, genesisHash } from "./chain";

export type AuditEvent = {
  action: AuditAction;
  entityType: string;
  entityId: string;
  /** Facts about the change, by id: no names or emails, so erasing a person never breaks the chain. */
  payload?: Record<string, unknown>;
};

/** Appends one entry inside the caller's transaction: if the change rolls back, so does its entry. */
export async function appendAudit(tx: Tx, actor: Actor, at: number, event: AuditEvent): Promise<number> {
  return auditChainWriter(tx)(actor, at, event);
}

/** The advisory lock key of the audit log (any constant the instance uses for nothing else). */
const auditLogLock = 0x4155_4449; // "AUDI"

type Head = { seq: number; hash: string };
const headSql = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";

/**
 * On PostgreSQL several processes write at once: the transaction takes the log's lock before it
 * reads the head, and holds it until it commits, so every entry chains onto the one committed
 * before it and the chain stays one line. (SQLite's writers already take turns.) Gives the head as
 * it was read under the lock.
 */
export async function holdTheLog(tx: Tx): Promise<Head | undefined> {
  // Once per transaction: held until it ends (unless a savepoint that took it rolls back, which forgets it).
  if (engineOf(tx) === "postgres") return inTransactionMemo(holdTheLog, () => lockThenRead(tx));
  return undefined;
}

/**
 * A write's first statements, sent with its BEGIN on PostgreSQL (lib/tx.ts): the log's lock, then
 * its head. Under READ COMMITTED each statement of the one simple query reads with a snapshot taken
 * when it starts, so the head is read once the lock is held and is the head every writer before
 * committed.
 */
export const takingTheLog: Opening = {
  sql: `SELECT pg_advisory_xact_lock(${auditLogLock}); ${headSql}`,
  opened: (rows) => void inTransactionMemo(holdTheLog, async () => rows[0] as Head | undefined),
};

async function lockThenRead(db: Db): Promise<Head | undefined> {
  const client = db.$client as unknown as { query(text: string): Promise<{ rows: Head[] }[]> };
  const [, head] = await client.query(takingTheLog.sql);
  return head!.rows[0];
}

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
 * The transaction's audit writer, which appendAudit uses too: the head is read with the first
 * entry, then each entry chains onto the one before it in memory. That holds because the
 * transaction is the log's only writer until it ends (SQLite: IMMEDIATE; PostgreSQL: the log's
 * lock, taken with the first entry). One per transaction, so a batch's hundreds of entries and a
 * use case's few read the head once; a savepoint that rolls back forgets it (the head it knew may
 * be gone). Use it inside the transaction, on the transaction's database: the entries commit or
 * roll back with the change.
 */
export function auditChainWriter(db: Db): AuditAppend {
  return writerOf(db).append;
}

/** The seq of the last entry this transaction appended, if it appended any (since any savepoint that rolled back). */
export function appendedHead(db: Db): number | undefined {
  return writerOf(db).head()?.seq;
}

type ChainWriter = { append: AuditAppend; head: () => { seq: number; hash: string } | undefined };

const writerOf = (db: Db): ChainWriter => inTransactionMemo(auditChainWriter, () => (engineOf(db) === "postgres" ? pgChainWriter(db) : sqliteChainWriter(db)));

function sqliteChainWriter(db: Db): ChainWriter {
  const statements = statementsFor(db);
  let head: { seq: number; hash: string } | undefined | null = null;
  let appended: { seq: number; hash: string } | undefined;
  const append: AuditAppend = (actor, at, event) => {
    if (head === null) head = statements.head();
    const entry = chainedEntry(head, actor, at, event);
    statements.insert(entry);
    head = appended = { seq: entry.seq, hash: entry.hash };
    return entry.seq;
  };
  return { append, head: () => appended };
}

/** On PostgreSQL each entry is a round trip: entries appended at once take turns. */
function pgChainWriter(db: Db): ChainWriter {
  let head: { seq: number; hash: string } | undefined | null = null;
  let appended: { seq: number; hash: string } | undefined;
  let last: Promise<unknown> = Promise.resolve();
  const appendOne = async (actor: Actor, at: number, event: AuditEvent) => {
    // The head read under the lock: nothing has appended since, as this is the transaction's only writer.
    if (head === null) head = await holdTheLog(db);
    const entry = chainedEntry(head, actor, at, event);
    await insertEntry(statement(db, insertSql), entry);
    head = appended = { seq: entry.seq, hash: entry.hash };
    return entry.seq;
  };
  const append: AuditAppend = (actor, at, event) => {
    const seq = last.then(() => appendOne(actor, at, event));
    last = seq.catch(() => undefined);
    return seq;
  };
  return { append, head: () => appended };
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
