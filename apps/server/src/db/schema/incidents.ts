import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { IncidentKind, IncidentSeverity, IncidentStatus, NotifiedParty } from "@countersign/shared/incidents";
import { escalations } from "./escalations";
import { aiSystems } from "./systems";
import { users } from "./users";

/**
 * Serious incidents and malfunctions of an AI system (EU AI Act Art. 26(5), 73). While the hold
 * is not released (hold_released_at is null), purging keeps every escalation linked to it.
 */
export const incidents = sqliteTable(
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
    occurredAt: integer("occurred_at").notNull(),
    /** When the deployer became aware: the reporting clock starts here. */
    awareAt: integer("aware_at").notNull(),
    /** Null: the kind has no statutory clock (a malfunction, Art. 26(5)). */
    reportDueAt: integer("report_due_at"),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: integer("recorded_at").notNull(),
    closedBy: text("closed_by").references(() => users.id),
    closedAt: integer("closed_at"),
    closeReason: text("close_reason"),
    holdReleasedBy: text("hold_released_by").references(() => users.id),
    holdReleasedAt: integer("hold_released_at"),
    holdReleaseReason: text("hold_release_reason"),
  },
  (t) => [index("incidents_system_idx").on(t.systemId, t.recordedAt)],
);

/** The escalations an incident is about; while its hold is in force, purging keeps them. */
export const incidentEscalations = sqliteTable(
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
export const incidentNotifications = sqliteTable(
  "incident_notifications",
  {
    id: text("id").primaryKey(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id),
    party: text("party").$type<NotifiedParty>().notNull(),
    recipient: text("recipient").notNull(),
    notifiedAt: integer("notified_at").notNull(),
    note: text("note").notNull(),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: integer("recorded_at").notNull(),
  },
  (t) => [index("incident_notifications_incident_idx").on(t.incidentId, t.notifiedAt)],
);
