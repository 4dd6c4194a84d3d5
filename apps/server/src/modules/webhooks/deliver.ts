import { and, asc, eq, inArray, isNull, lt, lte, or } from "drizzle-orm";
import { outboxEvents } from "../../db/schema/metrics";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "../../db/schema/webhooks";
import type { Deps } from "../../lib/context";
import { statement } from "../../lib/prepared";
import { inOrder } from "../../lib/in-order";
import { afterCommit, write } from "../../lib/tx";
import { disableEndpoint } from "./disable";
import { countWebhookAttempt } from "./metrics";
import { postDelivery, type PostOutcome } from "./post";
import { disableAfterFailingMs, nextAttemptAt } from "./schedule";
import { deliveryBody, signedHeaders } from "./signing";

export type DeliveryOptions = {
  /** at most this many requests in flight at once */
  concurrency: number;
  /** each request's deadline */
  timeoutMs: number;
};

type Delivery = typeof webhookDeliveries.$inferSelect;

/**
 * Takes up to `concurrency` due deliveries (one UPDATE … RETURNING, so two senders — two ticks or
 * two processes — never take the same one) and holds them past the request's deadline. If the
 * process dies mid-send, the hold lapses and the delivery is sent again: at least once.
 */
async function holdDueDeliveries(deps: Deps, now: number, options: DeliveryOptions): Promise<Delivery[]> {
  // Most rounds find nothing due: a read on the due index, not a write transaction every second.
  const due = await statement(deps.db, "SELECT 1 FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? LIMIT 1").get(now);
  if (!due) return [];
  const takeable = () =>
    and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now), or(isNull(webhookDeliveries.heldUntil), lt(webhookDeliveries.heldUntil, now)));
  return write(deps.db, (tx) => {
    const due = tx.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(takeable()).orderBy(asc(webhookDeliveries.nextAttemptAt)).limit(options.concurrency);
    // The condition again on the row itself: on PostgreSQL a sender that waited for another's hold
    // re-reads the row once that one commits, and finds it held rather than taking it too.
    return tx
      .update(webhookDeliveries)
      .set({ heldUntil: now + options.timeoutMs + 60_000 })
      .where(and(inArray(webhookDeliveries.id, due), takeable()))
      .returning()
      .all();
  });
}

/** Sends every due delivery, at most `concurrency` at once, and records each outcome. */
export async function deliverDue(deps: Deps, options: DeliveryOptions): Promise<number> {
  // One endpoint's deliveries go out one after another, in the order the events happened (PostgreSQL's
  // UPDATE … RETURNING hands rows back in no set order); different endpoints are served at once.
  const held = (await holdDueDeliveries(deps, deps.now(), options)).sort((a, b) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0) || a.outboxEventId - b.outboxEventId);
  const byEndpoint = new Map<string, Delivery[]>();
  for (const delivery of held) byEndpoint.set(delivery.endpointId, [...(byEndpoint.get(delivery.endpointId) ?? []), delivery]);
  await Promise.all([...byEndpoint.values()].map((deliveries) => inOrder(deliveries, (delivery) => deliverOne(deps, delivery, options))));
  return held.length;
}

async function deliverOne(deps: Deps, delivery: Delivery, options: DeliveryOptions) {
  const endpoint = (await deps.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.endpointId)).get())!;
  // Disabled or deleted while this delivery was being taken: its cancellation stands.
  if (endpoint.disabledAt !== null || endpoint.deletedAt !== null) return;
  const event = (await deps.db.select().from(outboxEvents).where(eq(outboxEvents.id, delivery.outboxEventId)).get())!;
  const body = deliveryBody(event);
  const headers = signedHeaders(endpoint, delivery.messageId, deps.now(), body);
  const outcome = await postDelivery(endpoint.url, headers, body, { timeoutMs: options.timeoutMs, allowPrivate: deps.allowPrivateWebhookUrls ?? false });
  await recordOutcome(deps, delivery, outcome);
}

const succeeded = (status: number | null) => status !== null && status >= 200 && status < 300;

/**
 * One transaction per attempt: the attempt for the log, the delivery's next step (delivered,
 * retry later, or give up after the retry window) and the endpoint's health. A 410 Gone disables
 * the endpoint at once; failing without a single success for five days disables it too.
 */
async function recordOutcome(deps: Deps, delivery: Delivery, outcome: PostOutcome) {
  const now = deps.now();
  const attempt = delivery.attempts + 1;
  await write(deps.db, async (tx) => {
    afterCommit(() => countWebhookAttempt(delivery.eventType, succeeded(outcome.httpStatus)));
    await tx.insert(webhookAttempts).values({ deliveryId: delivery.id, endpointId: delivery.endpointId, attempt, at: now, ...outcome }).run();
    if (succeeded(outcome.httpStatus)) {
      await tx.update(webhookDeliveries).set({ status: "delivered", attempts: attempt, lastAttemptAt: now, deliveredAt: now, nextAttemptAt: null, heldUntil: null }).where(eq(webhookDeliveries.id, delivery.id)).run();
      await tx.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, delivery.endpointId)).run();
      return;
    }
    const next = nextAttemptAt(now, delivery.windowStart, attempt, deps.random ?? Math.random);
    const giveUp = next === null || outcome.httpStatus === 410;
    await tx.update(webhookDeliveries)
      .set({ status: giveUp ? "failed" : "pending", attempts: attempt, lastAttemptAt: now, nextAttemptAt: giveUp ? null : next, heldUntil: null })
      .where(eq(webhookDeliveries.id, delivery.id))
      .run();
    if (outcome.httpStatus === 410) {
      await disableEndpoint(tx, now, delivery.endpointId, `the receiver answered 410 Gone on ${new Date(now).toISOString()}`);
      return;
    }
    const endpoint = (await tx.select({ failingSince: webhookEndpoints.failingSince }).from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.endpointId)).get())!;
    const failingSince = endpoint.failingSince ?? now;
    if (endpoint.failingSince === null) await tx.update(webhookEndpoints).set({ failingSince: now }).where(eq(webhookEndpoints.id, delivery.endpointId)).run();
    if (now - failingSince >= disableAfterFailingMs) {
      const days = Math.floor((now - failingSince) / 86_400_000);
      await disableEndpoint(tx, now, delivery.endpointId, `every delivery failed for ${days} days, since ${new Date(failingSince).toISOString()}; the last: ${outcome.httpStatus ?? outcome.error}`);
    }
  });
}
