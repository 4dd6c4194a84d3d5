import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret() {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

type Signer = { secret: string; previousSecret: string | null; previousSecretExpiresAt: number | null };

/**
 * The three Standard Webhooks headers, signed with the standardwebhooks package. During a
 * rotation's overlap the previous secret signs too: `webhook-signature` then carries two
 * space-separated `v1,` signatures and a receiver holding either secret verifies.
 */
export function signedHeaders(endpoint: Signer, messageId: string, now: number, body: string) {
  const at = new Date(now);
  const secrets = [endpoint.secret];
  if (endpoint.previousSecret && (endpoint.previousSecretExpiresAt ?? 0) > now) secrets.push(endpoint.previousSecret);
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(now / 1000)),
    "webhook-signature": secrets.map((secret) => new Webhook(secret).sign(messageId, at, body)).join(" "),
  };
}

/** The body every event is sent with: its type, when it happened, and its data. */
export function deliveryBody(event: { type: string; createdAt: number; payload: Record<string, unknown> }) {
  return JSON.stringify({ type: event.type, timestamp: new Date(event.createdAt).toISOString(), data: event.payload });
}
