import { bigint, doublePrecision, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { jsonText } from "./json-text";
import { aiSystems } from "./systems";
import { users } from "./users";

/** How many outputs an AI system produced in a period, as its gateway reports it. */
export const volumeReports = pgTable(
  "volume_reports",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    periodStart: bigint("period_start", { mode: "number" }).notNull(),
    periodEnd: bigint("period_end", { mode: "number" }).notNull(),
    total: bigint("total", { mode: "number" }).notNull(),
    /** The gateway's own count of escalations, when it sends one. */
    gatewayEscalated: bigint("gateway_escalated", { mode: "number" }),
    requestHash: text("request_hash").notNull(),
    reportedAt: bigint("reported_at", { mode: "number" }).notNull(),
  },
  (t) => [
    uniqueIndex("volume_reports_period_idx").on(t.systemId, t.periodStart, t.periodEnd),
    index("volume_reports_end_idx").on(t.systemId, t.periodEnd),
  ],
);

/** A drift alert is open while cleared_at is null. */
export const driftAlerts = pgTable(
  "drift_alerts",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    raisedAt: bigint("raised_at", { mode: "number" }).notNull(),
    clearedAt: bigint("cleared_at", { mode: "number" }),
    assumedRate: doublePrecision("assumed_rate").notNull(),
    tolerance: doublePrecision("tolerance").notNull(),
    measuredRate: doublePrecision("measured_rate").notNull(),
    windowTotal: bigint("window_total", { mode: "number" }).notNull(),
    windowEscalated: bigint("window_escalated", { mode: "number" }).notNull(),
    clearedRate: doublePrecision("cleared_rate"),
  },
  (t) => [index("drift_alerts_system_idx").on(t.systemId, t.raisedAt)],
);

/** Events for webhooks to deliver later; written in the same transaction as their cause. */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    type: text("type").notNull(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    payload: jsonText("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    deliveredAt: bigint("delivered_at", { mode: "number" }),
  },
  (t) => [index("outbox_events_pending_idx").on(t.deliveredAt, t.id)],
);

export const readinessReviews = pgTable(
  "readiness_reviews",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    milestone: text("milestone").notNull(),
    verdict: text("verdict").notNull(),
    attendees: jsonText("attendees").$type<string[]>().notNull(),
    actions: jsonText("actions").$type<string[]>().notNull(),
    notes: text("notes").notNull().default(""),
    /** The live figures the review looked at, frozen at the time it was recorded. */
    figures: jsonText("figures").$type<Record<string, unknown>>().notNull(),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: bigint("recorded_at", { mode: "number" }).notNull(),
  },
  (t) => [index("readiness_reviews_system_idx").on(t.systemId, t.recordedAt)],
);
