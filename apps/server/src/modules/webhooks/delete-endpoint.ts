import { eq } from "drizzle-orm";
import { webhookEndpoints } from "../../db/schema/webhooks";
import type { Actor, Deps } from "../../lib/context";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { cancelPendingDeliveries } from "./disable";
import { liveEndpoint } from "./queries";

/** Stops all sending to an endpoint; its delivery log is kept. With `systemId`, only that system's endpoint. */
export async function deleteWebhookEndpoint(deps: Deps, actor: Actor, endpointId: string, systemId?: string) {
  const now = deps.now();
  await write(deps.db, async (tx) => {
    const endpoint = await liveEndpoint(tx, endpointId, systemId);
    await tx.update(webhookEndpoints).set({ deletedAt: now }).where(eq(webhookEndpoints.id, endpointId)).run();
    await cancelPendingDeliveries(tx, endpointId);
    await appendAudit(tx, actor, now, { action: "webhook_endpoint.deleted", entityType: "webhook_endpoint", entityId: endpointId, payload: { systemId: endpoint.systemId, url: endpoint.url } });
  });
}
