import type { EventType } from "@countersign/shared/events";
import type { Tx } from "../../db/client";
import { outboxEvents } from "../../db/schema/metrics";

/** Queues one event for delivery inside the caller's transaction: no change without its event, no event without its change. */
export function appendOutbox(tx: Tx, at: number, event: { type: EventType; systemId: string; payload: Record<string, unknown> }) {
  return tx
    .insert(outboxEvents)
    .values({ type: event.type, systemId: event.systemId, payload: event.payload, createdAt: at })
    .returning({ id: outboxEvents.id })
    .get().id;
}
