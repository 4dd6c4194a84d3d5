import { Webhook } from "standardwebhooks";
import { CountersignError } from "./errors";

/**
 * Verifies a webhook delivery per Standard Webhooks (webhook-id, webhook-timestamp,
 * webhook-signature; the timestamp must be within five minutes) and returns its parsed payload.
 * Pass the body exactly as received (the raw string or bytes), not re-serialised JSON.
 * Throws CountersignError WEBHOOK_INVALID when it does not verify.
 */
export function verifyWebhook<T = unknown>(secret: string, headers: Headers | Record<string, string | string[] | undefined>, body: string | Uint8Array): T {
  const flat: Record<string, string> = {};
  if (typeof (headers as Headers).forEach === "function" && typeof (headers as Headers).get === "function") {
    (headers as Headers).forEach((value, name) => (flat[name.toLowerCase()] = value));
  } else {
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(" ") : value;
  }
  const payload = typeof body === "string" ? body : new TextDecoder().decode(body);
  try {
    return new Webhook(secret).verify(payload, flat) as T;
  } catch (error) {
    throw new CountersignError(0, "WEBHOOK_INVALID", `the webhook did not verify: ${(error as Error).message}`);
  }
}
