import { eq } from "drizzle-orm";
import { webhookEndpoints } from "../../db/schema/webhooks";
import type { Actor, Deps } from "../../lib/context";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { liveEndpoint } from "./queries";
import { secretOverlapMs } from "./schedule";
import { newWebhookSecret } from "./signing";

/**
 * Issues a new signing secret, returned once. For 24 hours every delivery is signed with both
 * the new and the old secret, so the receiver can switch without a delivery failing verification.
 */
export async function rotateWebhookSecret(deps: Deps, actor: Actor, endpointId: string, systemId?: string) {
  const now = deps.now();
  const secret = newWebhookSecret();
  const previousSecretExpiresAt = now + secretOverlapMs;
  await write(deps.db, async (tx) => {
    const endpoint = await liveEndpoint(tx, endpointId, systemId);
    await tx.update(webhookEndpoints).set({ secret, previousSecret: endpoint.secret, previousSecretExpiresAt }).where(eq(webhookEndpoints.id, endpointId)).run();
    await appendAudit(tx, actor, now, {
      action: "webhook_endpoint.secret_rotated",
      entityType: "webhook_endpoint",
      entityId: endpointId,
      payload: { systemId: endpoint.systemId, previousSecretExpiresAt: new Date(previousSecretExpiresAt).toISOString() },
    });
  });
  return { id: endpointId, secret, previousSecretExpiresAt: new Date(previousSecretExpiresAt).toISOString() };
}
