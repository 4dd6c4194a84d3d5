import { bigint, index, pgTable, text } from "drizzle-orm/pg-core";
import { jsonText } from "./json-text";
import type { EventType } from "@countersign/shared/events";
import { aiSystems } from "./systems";
import { outboxEvents } from "./metrics";

/**
 * Where an AI system wants its events pushed (Standard Webhooks). The signing secret is stored as
 * issued, not hashed: HMAC signing needs the secret itself. It is never logged, never listed, and
 * shown once, when it is issued or rotated.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    url: text("url").notNull(),
    events: jsonText("events").$type<EventType[]>().notNull(),
    secret: text("secret").notNull(),
    /** After a rotation the previous secret still signs (both signatures are sent) until this time. */
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: bigint("previous_secret_expires_at", { mode: "number" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    /** The first failed attempt since the last success: an endpoint failing for days is disabled. */
    failingSince: bigint("failing_since", { mode: "number" }),
    disabledAt: bigint("disabled_at", { mode: "number" }),
    disabledReason: text("disabled_reason"),
    /** Deleted endpoints are kept (without deliveries pending) so their delivery log still reads. */
    deletedAt: bigint("deleted_at", { mode: "number" }),
  },
  (t) => [index("webhook_endpoints_system_idx").on(t.systemId)],
);

/** One event to one endpoint: retried until delivered or its retry window has passed. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id),
    outboxEventId: bigint("outbox_event_id", { mode: "number" })
      .notNull()
      .references(() => outboxEvents.id),
    eventType: text("event_type").$type<EventType>().notNull(),
    /** The webhook-id header: one per event, the same on every attempt and every endpoint, so receivers can deduplicate. */
    messageId: text("message_id").notNull(),
    status: text("status").$type<"pending" | "delivered" | "failed" | "cancelled">().notNull(),
    attempts: bigint("attempts", { mode: "number" }).notNull().default(0),
    /** Retries continue until windowStart + the retry window; a manual redelivery starts a new window. */
    windowStart: bigint("window_start", { mode: "number" }).notNull(),
    nextAttemptAt: bigint("next_attempt_at", { mode: "number" }),
    /** A sender holds the delivery until then; a crashed sender's hold lapses and the delivery is sent again. */
    heldUntil: bigint("held_until", { mode: "number" }),
    lastAttemptAt: bigint("last_attempt_at", { mode: "number" }),
    deliveredAt: bigint("delivered_at", { mode: "number" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
  ],
);

/** Each request sent: what came back, for the delivery log. The response excerpt is the receiver's untrusted text. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id),
    attempt: bigint("attempt", { mode: "number" }).notNull(),
    at: bigint("at", { mode: "number" }).notNull(),
    httpStatus: bigint("http_status", { mode: "number" }),
    latencyMs: bigint("latency_ms", { mode: "number" }),
    responseExcerpt: text("response_excerpt"),
    /** Why no status came back: a timeout, a refused address, a connection error. */
    error: text("error"),
  },
  (t) => [index("webhook_attempts_endpoint_idx").on(t.endpointId, t.at), index("webhook_attempts_delivery_idx").on(t.deliveryId)],
);
