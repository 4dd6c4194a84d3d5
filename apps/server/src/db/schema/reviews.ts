import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { ChecklistAnswer, Outcome } from "@countersign/shared/enums";
import { escalations } from "./escalations";
import { users } from "./users";

/** One reviewer's recorded analysis and decision on one escalation. */
export const verifications = sqliteTable(
  "verifications",
  {
    id: text("id").primaryKey(),
    escalationId: text("escalation_id")
      .notNull()
      .references(() => escalations.id),
    reviewerId: text("reviewer_id")
      .notNull()
      .references(() => users.id),
    claimedAt: integer("claimed_at").notNull(),
    decidedAt: integer("decided_at").notNull(),
    activeSeconds: integer("active_seconds").notNull(),
    checklist: text("checklist", { mode: "json" }).$type<Record<string, ChecklistAnswer>>().notNull(),
    rationale: text("rationale").notNull(),
    outcome: text("outcome").$type<Outcome>().notNull(),
    correctedOutput: text("corrected_output"),
    evidenceOpened: text("evidence_opened", { mode: "json" }).$type<number[]>().notNull(),
    /** SHA-256 of the exact content the reviewer was shown. */
    contentSha256: text("content_sha256").notNull(),
  },
  (t) => [
    index("verifications_escalation_idx").on(t.escalationId),
    index("verifications_reviewer_idx").on(t.reviewerId, t.decidedAt),
  ],
);

export const evidenceOpenings = sqliteTable(
  "evidence_openings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    escalationId: text("escalation_id")
      .notNull()
      .references(() => escalations.id),
    reviewerId: text("reviewer_id")
      .notNull()
      .references(() => users.id),
    evidenceIndex: integer("evidence_index").notNull(),
    openedAt: integer("opened_at").notNull(),
  },
  (t) => [index("evidence_openings_escalation_idx").on(t.escalationId, t.reviewerId)],
);
