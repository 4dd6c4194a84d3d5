import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { aiSystems } from "./systems";
import { users } from "./users";

/** How many outputs an AI system produced in a period, as its gateway reports it. */
export const volumeReports = sqliteTable(
  "volume_reports",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    periodStart: integer("period_start").notNull(),
    periodEnd: integer("period_end").notNull(),
    total: integer("total").notNull(),
    /** The gateway's own count of escalations, when it sends one. */
    gatewayEscalated: integer("gateway_escalated"),
    requestHash: text("request_hash").notNull(),
    reportedAt: integer("reported_at").notNull(),
  },
  (t) => [
    uniqueIndex("volume_reports_period_idx").on(t.systemId, t.periodStart, t.periodEnd),
    index("volume_reports_end_idx").on(t.systemId, t.periodEnd),
  ],
);

/** A drift alert is open while cleared_at is null. */
export const driftAlerts = sqliteTable(
  "drift_alerts",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    raisedAt: integer("raised_at").notNull(),
    clearedAt: integer("cleared_at"),
    assumedRate: real("assumed_rate").notNull(),
    tolerance: real("tolerance").notNull(),
    measuredRate: real("measured_rate").notNull(),
    windowTotal: integer("window_total").notNull(),
    windowEscalated: integer("window_escalated").notNull(),
    clearedRate: real("cleared_rate"),
  },
  (t) => [index("drift_alerts_system_idx").on(t.systemId, t.raisedAt)],
);

/** Events for webhooks to deliver later; written in the same transaction as their cause. */
export const outboxEvents = sqliteTable(
  "outbox_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    type: text("type").notNull(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer("created_at").notNull(),
    deliveredAt: integer("delivered_at"),
  },
  (t) => [index("outbox_events_pending_idx").on(t.deliveredAt, t.id)],
);

export const readinessReviews = sqliteTable(
  "readiness_reviews",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    milestone: text("milestone").notNull(),
    verdict: text("verdict").notNull(),
    attendees: text("attendees", { mode: "json" }).$type<string[]>().notNull(),
    actions: text("actions", { mode: "json" }).$type<string[]>().notNull(),
    notes: text("notes").notNull().default(""),
    /** The live figures the review looked at, frozen at the time it was recorded. */
    figures: text("figures", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: integer("recorded_at").notNull(),
  },
  (t) => [index("readiness_reviews_system_idx").on(t.systemId, t.recordedAt)],
);
