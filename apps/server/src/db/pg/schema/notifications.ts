import { bigint, index, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { jsonText } from "./json-text";
import type { ChatKind, NotificationCadence, NotificationChannel, NotificationTrigger } from "@countersign/shared/notifications";
import { aiSystems } from "./systems";
import { users } from "./users";

/** A user's choice for one trigger; without a row, the trigger's default applies. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    trigger: text("trigger").$type<NotificationTrigger>().notNull(),
    channel: text("channel").$type<NotificationChannel>().notNull(),
    cadence: text("cadence").$type<NotificationCadence>().notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.trigger] })],
);

/**
 * Chat incoming webhooks: a user's own (ownerUserId set) or a team's channel set by an admin. The
 * URL is a secret (whoever holds it can post to the channel): it is only ever shown as `urlHint`.
 */
export const chatWebhooks = pgTable(
  "chat_webhooks",
  {
    id: text("id").primaryKey(),
    ownerUserId: text("owner_user_id").references(() => users.id),
    label: text("label").notNull(),
    kind: text("kind").$type<ChatKind>().notNull(),
    url: text("url").notNull(),
    urlHint: text("url_hint").notNull(),
    /** A team channel hears these triggers, for this system (null: every system), at this cadence. */
    triggers: jsonText("triggers").$type<NotificationTrigger[]>().notNull(),
    systemId: text("system_id").references(() => aiSystems.id),
    cadence: text("cadence").$type<NotificationCadence>().notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    removedAt: bigint("removed_at", { mode: "number" }),
  },
  (t) => [index("chat_webhooks_owner_idx").on(t.ownerUserId, t.removedAt)],
);

/** Each fact noticed once (an outbox event or a scan's finding), so a restart or the next scan never notifies it again. */
export const notificationFacts = pgTable("notification_facts", {
  key: text("key").primaryKey(),
  trigger: text("trigger").$type<NotificationTrigger>().notNull(),
  systemId: text("system_id"),
  noticedAt: bigint("noticed_at", { mode: "number" }).notNull(),
});

/** Where the notifications read the outbox up to: their own cursor, apart from the webhooks' deliveredAt. */
export const notificationCursors = pgTable("notification_cursors", {
  name: text("name").primaryKey(),
  lastOutboxId: bigint("last_outbox_id", { mode: "number" }).notNull(),
});

/** One fact for one recipient (a user, or a team channel): at most once, waiting for its message until sendAfter. */
export const notificationItems = pgTable(
  "notification_items",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    /** `user:<id>` or `channel:<id>`. */
    recipientKey: text("recipient_key").notNull(),
    factKey: text("fact_key").notNull(),
    channel: text("channel").$type<Exclude<NotificationChannel, "off">>().notNull(),
    /** What the message says: system name, priority, waiting time, reason kind, link. Never content or AI output. */
    fact: jsonText("fact").$type<Record<string, unknown>>().notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    sendAfter: bigint("send_after", { mode: "number" }).notNull(),
    deliveryId: bigint("delivery_id", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("notification_items_once_idx").on(t.recipientKey, t.factKey),
    index("notification_items_waiting_idx").on(t.deliveryId, t.sendAfter),
  ],
);

/** One message to send (several facts when a digest gathers them), retried until sent or given up. */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    recipientKey: text("recipient_key").notNull(),
    channel: text("channel").$type<Exclude<NotificationChannel, "off">>().notNull(),
    /** The email address or chat webhook id at the time the message was assembled. */
    address: text("address").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    factCount: bigint("fact_count", { mode: "number" }).notNull(),
    status: text("status").$type<"pending" | "sent" | "failed">().notNull(),
    attempts: bigint("attempts", { mode: "number" }).notNull().default(0),
    nextAttemptAt: bigint("next_attempt_at", { mode: "number" }).notNull(),
    lastError: text("last_error"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    sentAt: bigint("sent_at", { mode: "number" }),
  },
  (t) => [index("notification_deliveries_due_idx").on(t.status, t.nextAttemptAt)],
);
