import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { escalations } from "../../db/schema/escalations";
import { outboxEvents } from "../../db/schema/metrics";
import { webhookDeliveries, webhookEndpoints } from "../../db/schema/webhooks";
import type { Deps } from "../../lib/context";
import { newId } from "../../lib/hash";
import { statement } from "../../lib/prepared";
import { write } from "../../lib/tx";

type OutboxEvent = typeof outboxEvents.$inferSelect;

/**
 * Gold copies are Countersign's own test items: the AI system never sent them and must never
 * hear of them. Checked here as well as where events are written, so no path can leak one.
 */
async function concernsGoldCopy(tx: Tx, event: OutboxEvent) {
  // An escalation event's payload is the escalation as REST shows it (escalations/lifecycle.ts).
  const escalationId = event.type.startsWith("escalation.") ? event.payload.id : undefined;
  if (typeof escalationId !== "string") return false;
  const row = await tx.select({ goldItemId: escalations.goldItemId }).from(escalations).where(eq(escalations.id, escalationId)).get();
  return row?.goldItemId != null;
}

/**
 * Turns new outbox events into one delivery per subscribed endpoint, in one transaction that
 * marks the events fanned out (outbox `delivered_at`; notifications keep their own cursor, and
 * outbox rows are never deleted here). An endpoint receives only events that happened after it
 * was registered; the event announcing an endpoint was disabled never goes to that endpoint.
 */
export async function fanOutEvents(deps: Deps, batch = 500): Promise<number> {
  const pending = await statement(deps.db, "SELECT 1 FROM outbox_events WHERE delivered_at IS NULL LIMIT 1").get();
  if (!pending) return 0;
  const now = deps.now();
  return write(deps.db, async (tx) => {
    // Taken (marked fanned out) first, by one UPDATE guarded on the row: on PostgreSQL a second
    // process fanning out at once waits for these rows and then finds them taken, never doubling them.
    const next = tx.select({ id: outboxEvents.id }).from(outboxEvents).where(isNull(outboxEvents.deliveredAt)).orderBy(asc(outboxEvents.id)).limit(batch);
    const taken = await tx.update(outboxEvents).set({ deliveredAt: now }).where(and(inArray(outboxEvents.id, next), isNull(outboxEvents.deliveredAt))).returning().all();
    if (taken.length === 0) return 0;
    const events = taken.sort((a, b) => a.id - b.id);
    const systems = [...new Set(events.map((e) => e.systemId))];
    const endpoints = await tx
      .select({ id: webhookEndpoints.id, systemId: webhookEndpoints.systemId, events: webhookEndpoints.events, createdAt: webhookEndpoints.createdAt })
      .from(webhookEndpoints)
      .where(and(inArray(webhookEndpoints.systemId, systems), isNull(webhookEndpoints.disabledAt), isNull(webhookEndpoints.deletedAt)))
      .all();
    for (const event of events) {
      if (await concernsGoldCopy(tx, event)) continue;
      const messageId = newId("msg");
      for (const endpoint of endpoints) {
        if (endpoint.systemId !== event.systemId || !endpoint.events.includes(event.type as never) || endpoint.createdAt > event.createdAt) continue;
        if (event.type === "webhook_endpoint.disabled" && event.payload.endpointId === endpoint.id) continue;
        await tx.insert(webhookDeliveries)
          .values({
            id: newId("whd"),
            endpointId: endpoint.id,
            outboxEventId: event.id,
            eventType: event.type as never,
            messageId,
            status: "pending",
            windowStart: now,
            nextAttemptAt: now,
            createdAt: now,
          })
          .run();
      }
    }
    return events.length;
  });
}
