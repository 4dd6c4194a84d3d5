import type { Tx } from "../../db/client";
import { outboxEvents } from "../../db/schema/metrics";

/** The closed set of events webhooks will deliver; each is written in its cause's transaction. */
export type OutboxEventType = "drift.raised" | "drift.cleared" | "system.halted" | "system.resumed";

/** Queues one event for delivery inside the caller's transaction: no change without its event, no event without its change. */
export function appendOutbox(tx: Tx, at: number, event: { type: OutboxEventType; systemId: string; payload: Record<string, unknown> }) {
  return tx
    .insert(outboxEvents)
    .values({ type: event.type, systemId: event.systemId, payload: event.payload, createdAt: at })
    .returning({ id: outboxEvents.id })
    .get().id;
}
