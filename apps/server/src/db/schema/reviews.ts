import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { ChecklistAnswer, Outcome } from "@countersign/shared/enums";
import { escalations } from "./escalations";
import { qualifications } from "./qualifications";
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
    /** The minimum dwell this item required (it scales with length and priority). */
    requiredDwellSeconds: integer("required_dwell_seconds").notNull().default(0),
    /** Judgement first: the reviewer's own verdict before the AI output was revealed. */
    judgementVerdict: text("judgement_verdict").$type<"approve" | "reject">(),
    judgementReason: text("judgement_reason"),
    /** The reviewer's first verdict disagreed with the AI, and the final decision followed the AI. */
    switchedToAi: integer("switched_to_ai", { mode: "boolean" }),
    supportingEvidence: text("supporting_evidence", { mode: "json" }).$type<number[]>(),
    /** The highest word-shingle similarity of the rationale to the reviewer's recent ones or the AI output. */
    rationaleSimilarity: real("rationale_similarity").notNull().default(0),
    attentionCorrect: integer("attention_correct", { mode: "boolean" }),
    attentionCheck: text("attention_check", { mode: "json" }).$type<{ question: string; options: string[]; correctIndex: number; answerIndex: number }>(),
    /** For gold items: did the reviewer reach the known correct outcome? */
    goldCaught: integer("gold_caught", { mode: "boolean" }),
    confidence: real("confidence").notNull().default(0),
    systemId: text("system_id").notNull().default(""),
    /** The qualification in force when the reviewer decided (null only for verifications recorded before qualifications existed). */
    qualificationId: text("qualification_id").references(() => qualifications.id),
    /** The escalation's review round this verification belongs to (1 unless the decision was reopened). */
    round: integer("round").notNull().default(1),
    /** Set when its round's decision was reopened: kept in the record, no longer the decision in force. */
    supersededAt: integer("superseded_at"),
    /** The version of the system's instructions for use in force when the reviewer decided (null: none recorded then). */
    instructionsVersionId: text("instructions_version_id"),
  },
  (t) => [
    // Also answers "has this reviewer verified this escalation?" in one probe, for every claim candidate.
    index("verifications_escalation_idx").on(t.escalationId, t.reviewerId),
    index("verifications_reviewer_idx").on(t.reviewerId, t.decidedAt),
    // The gold items a reviewer has seen, read by every claim: a handful of rows per reviewer.
    index("verifications_reviewer_gold_idx").on(t.reviewerId).where(sql`gold_caught IS NOT NULL`),
    index("verifications_system_idx").on(t.systemId, t.decidedAt),
    index("verifications_decided_idx").on(t.decidedAt),
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

/** Judgement first: the verdict a reviewer records before the AI output is revealed to them. */
export const judgements = sqliteTable(
  "judgements",
  {
    escalationId: text("escalation_id")
      .notNull()
      .references(() => escalations.id),
    reviewerId: text("reviewer_id")
      .notNull()
      .references(() => users.id),
    claimedAt: integer("claimed_at").notNull(),
    verdict: text("verdict").$type<"approve" | "reject">().notNull(),
    reason: text("reason").notNull(),
    recordedAt: integer("recorded_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.escalationId, t.reviewerId, t.claimedAt] })],
);

/**
 * A resolution when a two-person review's verifications disagree; one per escalation and review
 * round. The resolver (lead_id) adopts one recorded verification or records one of their own,
 * under a qualification in force granting override.
 */
export const resolutions = sqliteTable(
  "resolutions",
  {
    id: text("id").primaryKey(),
    escalationId: text("escalation_id")
      .notNull()
      .references(() => escalations.id),
    leadId: text("lead_id")
      .notNull()
      .references(() => users.id),
    outcome: text("outcome").$type<Outcome>().notNull(),
    rationale: text("rationale").notNull(),
    correctedOutput: text("corrected_output"),
    resolvedAt: integer("resolved_at").notNull(),
    /** adopted: one of the disagreeing verifications; own_verification: the resolver's own. Null for resolutions recorded before this rule. */
    basis: text("basis").$type<"adopted" | "own_verification">(),
    /** The verification whose outcome became the decision. */
    verificationId: text("verification_id").references(() => verifications.id),
    /** The resolver's qualification in force, granting override. */
    qualificationId: text("qualification_id").references(() => qualifications.id),
    /** The review round it settled; superseded when that round's decision was reopened. */
    round: integer("round").notNull().default(1),
    supersededAt: integer("superseded_at"),
  },
  (t) => [
    uniqueIndex("resolutions_escalation_round_idx").on(t.escalationId, t.round),
    // Deleting a verification (the retention purge) looks for resolutions naming it: without this, a scan of them all per verification.
    index("resolutions_verification_idx").on(t.verificationId),
  ],
);

/**
 * A decision reopened by a person with the override authority (EU AI Act Art. 14(4)(d)): the
 * escalation went back to review as `round`, and the decision of the round before stays in the
 * record, superseded. What the escalation row held for that decision is kept here, since the new
 * round starts afresh.
 */
export const reopenings = sqliteTable(
  "reopenings",
  {
    id: text("id").primaryKey(),
    escalationId: text("escalation_id")
      .notNull()
      .references(() => escalations.id),
    /** The round it opened (2 for the first reopening); the superseded decision is round − 1's. */
    round: integer("round").notNull(),
    reopenedBy: text("reopened_by")
      .notNull()
      .references(() => users.id),
    reopenedAt: integer("reopened_at").notNull(),
    reason: text("reason").notNull(),
    /** The reopener's qualification in force, granting override. */
    qualificationId: text("qualification_id").references(() => qualifications.id),
    /** The superseded round's decision time, first fetch by the AI system, and dispute, as the escalation held them. */
    previousDecidedAt: integer("previous_decided_at").notNull(),
    previousDecisionFetchedAt: integer("previous_decision_fetched_at"),
    previousDisputedAt: integer("previous_disputed_at"),
    /** The superseded round's dueAt, as the escalation held it; the new round's is on the escalation (reversal's due-time rule). */
    previousDueAt: text("previous_due_at"),
  },
  (t) => [uniqueIndex("reopenings_escalation_round_idx").on(t.escalationId, t.round), index("reopenings_reopened_idx").on(t.reopenedAt)],
);
