import { bigint, index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import type { IncidentKind, IncidentSeverity, IncidentStatus, NotifiedParty } from "@countersign/shared/incidents";
import { escalations } from "./escalations";
import { aiSystems } from "./systems";
import { users } from "./users";

/**
 * Serious incidents and malfunctions of an AI system (EU AI Act Art. 26(5), 73). While the hold
 * is not released (hold_released_at is null), purging keeps every escalation linked to it.
 */
export const incidents = pgTable(
  "incidents",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    title: text("title").notNull(),
    /** Untrusted text: never rendered as HTML. */
    description: text("description").notNull(),
    kind: text("kind").$type<IncidentKind>().notNull(),
    severity: text("severity").$type<IncidentSeverity>().notNull(),
    status: text("status").$type<IncidentStatus>().notNull(),
    occurredAt: bigint("occurred_at", { mode: "number" }).notNull(),
    /** When the deployer became aware: the reporting clock starts here. */
    awareAt: bigint("aware_at", { mode: "number" }).notNull(),
    /** Null: the kind has no statutory clock (a malfunction, Art. 26(5)). */
    reportDueAt: bigint("report_due_at", { mode: "number" }),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: bigint("recorded_at", { mode: "number" }).notNull(),
    closedBy: text("closed_by").references(() => users.id),
    closedAt: bigint("closed_at", { mode: "number" }),
    closeReason: text("close_reason"),
    holdReleasedBy: text("hold_released_by").references(() => users.id),
    holdReleasedAt: bigint("hold_released_at", { mode: "number" }),
    holdReleaseReason: text("hold_release_reason"),
  },
  (t) => [index("incidents_system_idx").on(t.systemId, t.recordedAt)],
);

/** The escalations an incident is about; while its hold is in force, purging keeps them. */
export const incidentEscalations = pgTable(
  "incident_escalations",
  {
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id),
    escalationId: text("escalation_id")
      .notNull()
      .references(() => escalations.id),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.escalationId] }), index("incident_escalations_escalation_idx").on(t.escalationId)],
);

/** Who was informed of an incident, and when; one row per notification, never edited. */
export const incidentNotifications = pgTable(
  "incident_notifications",
  {
    id: text("id").primaryKey(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id),
    party: text("party").$type<NotifiedParty>().notNull(),
    recipient: text("recipient").notNull(),
    notifiedAt: bigint("notified_at", { mode: "number" }).notNull(),
    note: text("note").notNull(),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: bigint("recorded_at", { mode: "number" }).notNull(),
  },
  (t) => [index("incident_notifications_incident_idx").on(t.incidentId, t.notifiedAt)],
);
