import { getTableColumns } from "drizzle-orm";
import type { EscalationInput } from "@countersign/shared/escalation";
import { sqliteConnection, type Db } from "../../db/client";
import { escalations } from "../../db/schema/escalations";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { canonicalJson, sha256 } from "../../lib/hash";
import { statement } from "../../lib/prepared";
import { write } from "../../lib/tx";
import { currentScope, engineOf } from "../../db/transaction";
import { auditChainWriter, type AuditAppend } from "../../audit/append";
import { queuedEscalationRow } from "./row";

export type Received = { id: string; externalId: string; status: string; created: boolean };

/** Facts about the handoff that are not its content: they do not count for idempotency. */
export type Handoff = { traceparent?: string | undefined };

/**
 * Stores one escalation from an AI system. externalId is the idempotency key: the same body
 * again returns the first escalation; a different body under the same externalId is a conflict.
 */
export async function receiveEscalation(deps: Deps, systemId: string, input: EscalationInput, handoff: Handoff = {}): Promise<Received> {
  const now = deps.now();
  return write(deps.db, async () => {
    const statements = statementsFor(deps.db);
    return await receiveWith({ ...statements, audit: auditChainWriter(deps.db) }, systemId, input, now, handoff);
  });
}

type Existing = { id: string; requestHash: string; status: string };
/** How an intake reads and writes: one at a time, or a batch's prefetched view (receive-batch.ts). */
/** SQLite's statements answer at once; PostgreSQL's with a promise (the hot path on SQLite stays synchronous). */
type Awaitable<T> = T | Promise<T>;
export type Intake = {
  existing: (systemId: string, externalId: string) => Awaitable<Existing | undefined>;
  insert: (row: typeof escalations.$inferInsert) => Awaitable<void>;
  audit: AuditAppend;
};
type Statements = Pick<Intake, "existing" | "insert"> & {
  existingAmong: (systemId: string, externalIds: string[]) => Awaitable<(Existing & { externalId: string })[]>;
};
const prepared = new WeakMap<object, Statements>();

/**
 * The intake's statements, prepared once per write connection, so for use inside a write
 * transaction only: a batch receives hundreds in one
 * transaction, and building and preparing a statement costs far more than running it. They are
 * better-sqlite3's own: drizzle's per-value mapping of a prepared statement cost more than the
 * insert itself. The insert is still written from the drizzle table (columns and their mapping,
 * e.g. JSON for evidence), so a column added to the schema and the row needs nothing here.
 */
export function statementsFor(db: Db): Statements {
  if (engineOf(db) === "postgres") return pgStatementsFor(db);
  // Outside a transaction they would be prepared on the read-only connection, and the first insert would fail there.
  if (!currentScope()) throw new Error("the intake's statements are for use inside a write transaction");
  let statements = prepared.get(sqliteConnection(db));
  if (statements) return statements;
  const existing = sqliteConnection(db).prepare<[string, string], Existing>(
    "SELECT id, request_hash AS requestHash, status FROM escalations WHERE system_id = ? AND external_id = ? AND gold_item_id IS NULL",
  );
  const existingAmong = sqliteConnection(db).prepare<[string, string], Existing & { externalId: string }>(
    "SELECT id, request_hash AS requestHash, status, external_id AS externalId FROM escalations WHERE system_id = ? AND external_id IN (SELECT value FROM json_each(?)) AND gold_item_id IS NULL",
  );
  const columns = getTableColumns(escalations);
  // One statement per set of columns a row sets (queuedEscalationRow always sets the same ones).
  const inserts = new Map<string, (row: Record<string, unknown>) => void>();
  const insertFor = (keys: string[]) => {
    const mapped = keys.map((key) => columns[key as keyof typeof columns]);
    const statement = sqliteConnection(db).prepare(
      `INSERT INTO escalations (${mapped.map((column) => `"${column.name}"`).join(", ")}) VALUES (${keys.map(() => "?").join(", ")})`,
    );
    const values: unknown[] = new Array(keys.length);
    return (row: Record<string, unknown>) => {
      for (let i = 0; i < keys.length; i++) {
        const value = row[keys[i]!];
        values[i] = value === null ? null : mapped[i]!.mapToDriverValue(value);
      }
      statement.run(values);
    };
  };
  statements = {
    existing: (systemId, externalId) => existing.get(systemId, externalId),
    // The ids as one JSON array: one statement prepared once, whatever the batch's size.
    existingAmong: (systemId, externalIds) => existingAmong.all(systemId, JSON.stringify(externalIds)),
    insert: (row) => {
      const keys = Object.keys(row).filter((key) => row[key as keyof typeof row] !== undefined && key in columns);
      const signature = keys.join(",");
      let insert = inserts.get(signature);
      if (!insert) inserts.set(signature, (insert = insertFor(keys)));
      insert(row);
    },
  };
  prepared.set(sqliteConnection(db), statements);
  return statements;
}

const existingSql = `SELECT id, request_hash AS "requestHash", status FROM escalations WHERE system_id = ? AND external_id = ? AND gold_item_id IS NULL`;

/** The same statements on PostgreSQL, through lib/prepared (the batch's ids as one text[] parameter). */
function pgStatementsFor(db: Db): Statements {
  const columns = getTableColumns(escalations);
  return {
    existing: (systemId, externalId) => statement(db, existingSql).get<Existing>(systemId, externalId),
    existingAmong: (systemId, externalIds) =>
      statement(
        db,
        `SELECT id, request_hash AS "requestHash", status, external_id AS "externalId" FROM escalations WHERE system_id = ? AND external_id = ANY(?::text[]) AND gold_item_id IS NULL`,
      ).all<Existing & { externalId: string }>(systemId, externalIds),
    insert: async (row) => {
      const keys = Object.keys(row).filter((key) => row[key as keyof typeof row] !== undefined && key in columns);
      const mapped = keys.map((key) => columns[key as keyof typeof columns]);
      const values = keys.map((key, i) => {
        const value = row[key as keyof typeof row];
        return value === null ? null : mapped[i]!.mapToDriverValue(value);
      });
      await statement(db, `INSERT INTO escalations (${mapped.map((column) => `"${column.name}"`).join(", ")}) VALUES (${keys.map(() => "?").join(", ")})`).run(...values);
    },
  };
}

/**
 * Receives one escalation inside the caller's write transaction. Throws the conflict before
 * writing anything, so a batch may catch it and go on with the next escalation.
 */
export async function receiveWith(intake: Intake, systemId: string, input: EscalationInput, now: number, handoff: Handoff = {}): Promise<Received> {
  // The traceparent is left out of the hash: a retry under a new span is the same escalation.
  const requestHash = sha256(canonicalJson(input));
  const existing = await intake.existing(systemId, input.externalId);
  if (existing) {
    if (existing.requestHash !== requestHash) {
      throw new AppError(
        "CONFLICT",
        `externalId "${input.externalId}" was already used for a different escalation; use a new externalId for new content`,
        [{ path: "externalId", message: "already used with a different body" }],
      );
    }
    return { id: existing.id, externalId: input.externalId, status: existing.status, created: false };
  }
  const row = queuedEscalationRow(systemId, input, now, { requestHash, traceparent: handoff.traceparent });
  await intake.insert(row);
  await intake.audit({ type: "ai_system", id: systemId }, now, {
    action: "escalation.received",
    entityType: "escalation",
    entityId: row.id,
    // Keys in canonical order, so the payload's canonical JSON is written as it stands.
    payload: { externalId: input.externalId, requestHash, systemId, ...(handoff.traceparent ? { traceparent: handoff.traceparent } : {}) },
  });
  return { id: row.id, externalId: input.externalId, status: "queued", created: true };
}
