import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { EventType } from "@countersign/shared/events";
import { aiSystems } from "./systems";
import { outboxEvents } from "./metrics";

/**
 * Where an AI system wants its events pushed (Standard Webhooks). The signing secret is stored as
 * issued, not hashed: HMAC signing needs the secret itself. It is never logged, never listed, and
 * shown once, when it is issued or rotated.
 */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    url: text("url").notNull(),
    events: text("events", { mode: "json" }).$type<EventType[]>().notNull(),
    secret: text("secret").notNull(),
    /** After a rotation the previous secret still signs (both signatures are sent) until this time. */
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: integer("previous_secret_expires_at"),
    createdAt: integer("created_at").notNull(),
    /** The first failed attempt since the last success: an endpoint failing for days is disabled. */
    failingSince: integer("failing_since"),
    disabledAt: integer("disabled_at"),
    disabledReason: text("disabled_reason"),
    /** Deleted endpoints are kept (without deliveries pending) so their delivery log still reads. */
    deletedAt: integer("deleted_at"),
  },
  (t) => [index("webhook_endpoints_system_idx").on(t.systemId)],
);

/** One event to one endpoint: retried until delivered or its retry window has passed. */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id),
    outboxEventId: integer("outbox_event_id")
      .notNull()
      .references(() => outboxEvents.id),
    eventType: text("event_type").$type<EventType>().notNull(),
    /** The webhook-id header: one per event, the same on every attempt and every endpoint, so receivers can deduplicate. */
    messageId: text("message_id").notNull(),
    status: text("status").$type<"pending" | "delivered" | "failed" | "cancelled">().notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** Retries continue until windowStart + the retry window; a manual redelivery starts a new window. */
    windowStart: integer("window_start").notNull(),
    nextAttemptAt: integer("next_attempt_at"),
    /** A sender holds the delivery until then; a crashed sender's hold lapses and the delivery is sent again. */
    heldUntil: integer("held_until"),
    lastAttemptAt: integer("last_attempt_at"),
    deliveredAt: integer("delivered_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
  ],
);

/** Each request sent: what came back, for the delivery log. The response excerpt is the receiver's untrusted text. */
export const webhookAttempts = sqliteTable(
  "webhook_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id),
    attempt: integer("attempt").notNull(),
    at: integer("at").notNull(),
    httpStatus: integer("http_status"),
    latencyMs: integer("latency_ms"),
    responseExcerpt: text("response_excerpt"),
    /** Why no status came back: a timeout, a refused address, a connection error. */
    error: text("error"),
  },
  (t) => [index("webhook_attempts_endpoint_idx").on(t.endpointId, t.at), index("webhook_attempts_delivery_idx").on(t.deliveryId)],
);
