import { and, eq, isNull } from "drizzle-orm";
import type { EscalationInput } from "@countersign/shared/escalation";
import type { Tx } from "../../db/client";
import { escalations } from "../../db/schema/escalations";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { canonicalJson, sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../audit/append";
import { queuedEscalationRow } from "./row";

export type Received = { id: string; externalId: string; status: string; created: boolean };

/** Facts about the handoff that are not its content: they do not count for idempotency. */
export type Handoff = { traceparent?: string | undefined };

/**
 * Stores one escalation from an AI system. externalId is the idempotency key: the same body
 * again returns the first escalation; a different body under the same externalId is a conflict.
 */
export function receiveEscalation(deps: Deps, systemId: string, input: EscalationInput, handoff: Handoff = {}): Received {
  const now = deps.now();
  return write(deps.db, (tx) => receiveInTransaction(tx, systemId, input, now, handoff));
}

/**
 * The same, inside the caller's transaction (a batch receives many in one). Throws the conflict
 * before writing anything, so a caller may catch it and go on with the next escalation.
 */
export function receiveInTransaction(tx: Tx, systemId: string, input: EscalationInput, now: number, handoff: Handoff = {}): Received {
  // The traceparent is left out of the hash: a retry under a new span is the same escalation.
  const requestHash = sha256(canonicalJson(input));
  const existing = tx
    .select({ id: escalations.id, requestHash: escalations.requestHash, status: escalations.status })
    .from(escalations)
    .where(and(eq(escalations.systemId, systemId), eq(escalations.externalId, input.externalId), isNull(escalations.goldItemId)))
    .get();
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
  const id = row.id;
  tx.insert(escalations).values(row).run();
  appendAudit(tx, { type: "ai_system", id: systemId }, now, {
    action: "escalation.received",
    entityType: "escalation",
    entityId: id,
    payload: { systemId, externalId: input.externalId, requestHash, ...(handoff.traceparent ? { traceparent: handoff.traceparent } : {}) },
  });
  return { id, externalId: input.externalId, status: "queued", created: true };
}
