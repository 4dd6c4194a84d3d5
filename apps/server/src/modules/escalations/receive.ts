import { getTableColumns } from "drizzle-orm";
import type { EscalationInput } from "@countersign/shared/escalation";
import type { Db } from "../../db/client";
import { escalations } from "../../db/schema/escalations";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { canonicalJson, sha256 } from "../../lib/hash";
import { statementNow, type Awaitable } from "../../lib/prepared";
import { write } from "../../lib/tx";
import { currentScope } from "../../db/transaction";
import { dialectOf } from "../../db/dialect";
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
export type Intake = {
  existing: (systemId: string, externalId: string) => Awaitable<Existing | undefined>;
  insert: (row: typeof escalations.$inferInsert) => Awaitable<unknown>;
  audit: AuditAppend;
};
type Statements = Pick<Intake, "existing" | "insert"> & {
  existingAmong: (systemId: string, externalIds: string[]) => Awaitable<(Existing & { externalId: string })[]>;
};

const existingSql = `SELECT id, request_hash AS "requestHash", status FROM escalations WHERE system_id = ? AND external_id = ? AND gold_item_id IS NULL`;
const columns = getTableColumns(escalations);
/** Per set of columns a row sets (queuedEscalationRow always sets the same ones): the INSERT's text and each column. */
const inserts = new Map<string, { text: string; mapped: (typeof columns)[keyof typeof columns][] }>();

function insertFor(keys: string[]) {
  const signature = keys.join(",");
  let insert = inserts.get(signature);
  if (!insert) {
    const mapped = keys.map((key) => columns[key as keyof typeof columns]);
    const text = `INSERT INTO escalations (${mapped.map((column) => `"${column.name}"`).join(", ")}) VALUES (${keys.map(() => "?").join(", ")})`;
    inserts.set(signature, (insert = { text, mapped }));
  }
  return insert;
}

/**
 * The intake's statements, for use inside a write transaction only (on SQLite they would otherwise
 * land on the read-only connection): prepared once per connection, and on SQLite answering at
 * once, since a batch receives hundreds in one transaction. The values go through each column's
 * own mapping (e.g. JSON for evidence) but not through drizzle's per-statement machinery, which
 * cost more than the insert itself; a column added to the schema and the row needs nothing here.
 */
export function statementsFor(db: Db): Statements {
  if (!currentScope()) throw new Error("the intake's statements are for use inside a write transaction");
  const existingAmongSql = `SELECT id, request_hash AS "requestHash", status, external_id AS "externalId" FROM escalations WHERE system_id = ? AND external_id ${dialectOf(db).inJsonList("?")} AND gold_item_id IS NULL`;
  return {
    existing: (systemId, externalId) => statementNow(db, existingSql).get<Existing>(systemId, externalId),
    // The ids as one JSON array: one statement prepared once, whatever the batch's size.
    existingAmong: (systemId, externalIds) => statementNow(db, existingAmongSql).all<Existing & { externalId: string }>(systemId, JSON.stringify(externalIds)),
    insert: (row) => {
      const keys = Object.keys(row).filter((key) => row[key as keyof typeof row] !== undefined && key in columns);
      const { text, mapped } = insertFor(keys);
      const values = keys.map((key, i) => {
        const value = row[key as keyof typeof row];
        return value === null ? null : mapped[i]!.mapToDriverValue(value);
      });
      return statementNow(db, text).run(...values);
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
