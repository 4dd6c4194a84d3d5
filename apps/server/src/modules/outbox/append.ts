import { sql } from "drizzle-orm";
import type { EventType } from "@countersign/shared/events";
import type { Db, Tx } from "../../db/client";
import { outboxEvents } from "../../db/schema/metrics";
import { prepared } from "../../lib/prepared";

// Every decision appends one: prepared once per database.
const insertEvent = (db: Db | Tx) =>
  db
    .insert(outboxEvents)
    .values({ type: sql.placeholder("type"), systemId: sql.placeholder("systemId"), payload: sql.placeholder("payload"), createdAt: sql.placeholder("createdAt") })
    .returning({ id: outboxEvents.id })
    .prepare();

/** Queues one event for delivery inside the caller's transaction: no change without its event, no event without its change. */
export async function appendOutbox(tx: Tx, at: number, event: { type: EventType; systemId: string; payload: Record<string, unknown> }) {
  return (await prepared(tx, insertEvent).get({ type: event.type, systemId: event.systemId, payload: event.payload, createdAt: at }))!.id;
}
