import { eq } from "drizzle-orm";
import { webhookDeliveries } from "../../db/schema/webhooks";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { liveEndpoint } from "./queries";

/**
 * Sends one event to its endpoint again, now, with the same webhook-id (receivers deduplicate):
 * for a receiver that lost it, or after the retries gave up. A new three-day retry window starts.
 */
export async function redeliver(deps: Deps, actor: Actor, deliveryId: string) {
  const now = deps.now();
  await write(deps.db, async (tx) => {
    const delivery = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)).get();
    if (!delivery) throw new AppError("NOT_FOUND", `no webhook delivery ${deliveryId}`, [{ path: "deliveryId", message: "unknown" }]);
    const endpoint = await liveEndpoint(tx, delivery.endpointId);
    if (endpoint.disabledAt !== null) {
      throw new AppError("CONFLICT", `the endpoint is disabled (${endpoint.disabledReason ?? "no reason recorded"}); nothing is sent to it`, [
        { path: "deliveryId", message: "its endpoint is disabled" },
      ]);
    }
    await tx.update(webhookDeliveries).set({ status: "pending", windowStart: now, nextAttemptAt: now, heldUntil: null }).where(eq(webhookDeliveries.id, deliveryId)).run();
    await appendAudit(tx, actor, now, {
      action: "webhook_delivery.redelivered",
      entityType: "webhook_delivery",
      entityId: deliveryId,
      payload: { systemId: endpoint.systemId, endpointId: endpoint.id, eventType: delivery.eventType },
    });
  });
}
