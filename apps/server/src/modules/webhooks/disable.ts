import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { webhookDeliveries, webhookEndpoints } from "../../db/schema/webhooks";
import { server } from "../../lib/context";
import { appendAudit } from "../../audit/append";
import { appendOutbox } from "../outbox/append";

/**
 * Stops sending to an endpoint (a 410 Gone, or days of failures), with the reason shown to
 * admins. Its pending deliveries are cancelled. The `webhook_endpoint.disabled` event goes to the
 * system's other endpoints and to notifications — never to the endpoint that was disabled.
 */
export async function disableEndpoint(tx: Tx, now: number, endpointId: string, reason: string) {
  const disabled = await tx
    .update(webhookEndpoints)
    .set({ disabledAt: now, disabledReason: reason })
    .where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.disabledAt), isNull(webhookEndpoints.deletedAt)))
    .returning({ systemId: webhookEndpoints.systemId, url: webhookEndpoints.url })
    .get();
  if (!disabled) return false;
  await cancelPendingDeliveries(tx, endpointId);
  await appendAudit(tx, server, now, { action: "webhook_endpoint.disabled", entityType: "webhook_endpoint", entityId: endpointId, payload: { systemId: disabled.systemId, reason } });
  await appendOutbox(tx, now, {
    type: "webhook_endpoint.disabled",
    systemId: disabled.systemId,
    payload: { endpointId, url: disabled.url, reason, disabledAt: new Date(now).toISOString() },
  });
  return true;
}

export async function cancelPendingDeliveries(tx: Tx, endpointId: string) {
  await tx.update(webhookDeliveries)
    .set({ status: "cancelled", nextAttemptAt: null, heldUntil: null })
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, "pending")))
    .run();
}
