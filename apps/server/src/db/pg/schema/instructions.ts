import { bigint, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { aiSystems } from "./systems";
import { users } from "./users";

/**
 * Instructions for use of an AI system (EU AI Act Art. 13, 26(1)), one row per version. A version
 * is never changed or removed (triggers refuse it, custom migration): an edit is a new version,
 * and the system row names the one in force (ai_systems.current_instructions_id).
 */
export const instructionsForUse = pgTable(
  "instructions_for_use",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    version: bigint("version", { mode: "number" }).notNull(),
    provider: text("provider").notNull(),
    providerContact: text("provider_contact").notNull(),
    intendedPurpose: text("intended_purpose").notNull(),
    knownLimitations: text("known_limitations").notNull(),
    oversightInstructions: text("oversight_instructions").notNull(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("instructions_for_use_system_version_idx").on(t.systemId, t.version)],
);

/**
 * A reviewer's acknowledgement of the notice of what Countersign measures about their work, once
 * per version of the notice's text (packages/shared/src/monitoring-notice.ts).
 */
export const monitoringAcknowledgements = pgTable(
  "monitoring_acknowledgements",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    noticeVersion: bigint("notice_version", { mode: "number" }).notNull(),
    /** SHA-256 of the notice's canonical JSON as shown. */
    noticeSha256: text("notice_sha256").notNull(),
    acknowledgedAt: bigint("acknowledged_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.noticeVersion] })],
);
