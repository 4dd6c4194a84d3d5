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
export function rotateWebhookSecret(deps: Deps, actor: Actor, endpointId: string, systemId?: string) {
  const now = deps.now();
  const secret = newWebhookSecret();
  const previousSecretExpiresAt = now + secretOverlapMs;
  write(deps.db, (tx) => {
    const endpoint = liveEndpoint(tx, endpointId, systemId);
    tx.update(webhookEndpoints).set({ secret, previousSecret: endpoint.secret, previousSecretExpiresAt }).where(eq(webhookEndpoints.id, endpointId)).run();
    appendAudit(tx, actor, now, {
      action: "webhook_endpoint.secret_rotated",
      entityType: "webhook_endpoint",
      entityId: endpointId,
      payload: { systemId: endpoint.systemId, previousSecretExpiresAt: new Date(previousSecretExpiresAt).toISOString() },
    });
  });
  return { id: endpointId, secret, previousSecretExpiresAt: new Date(previousSecretExpiresAt).toISOString() };
}
