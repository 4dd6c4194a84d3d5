import { sql } from "drizzle-orm";
import { bigint, boolean, doublePrecision, index, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { jsonText } from "./json-text";
import type { ChecklistAnswer, Outcome } from "@countersign/shared/enums";
import { escalations } from "./escalations";
import { qualifications } from "./qualifications";
import { users } from "./users";

/** One reviewer's recorded analysis and decision on one escalation. */
export const verifications = pgTable(
  "verifications",
  {
    id: text("id").primaryKey(),
    escalationId: text("escalation_id")
      .notNull()
      .references(() => escalations.id),
    reviewerId: text("reviewer_id")
      .notNull()
      .references(() => users.id),
    claimedAt: bigint("claimed_at", { mode: "number" }).notNull(),
    decidedAt: bigint("decided_at", { mode: "number" }).notNull(),
    activeSeconds: bigint("active_seconds", { mode: "number" }).notNull(),
    checklist: jsonText("checklist").$type<Record<string, ChecklistAnswer>>().notNull(),
    rationale: text("rationale").notNull(),
    outcome: text("outcome").$type<Outcome>().notNull(),
    correctedOutput: text("corrected_output"),
    evidenceOpened: jsonText("evidence_opened").$type<number[]>().notNull(),
    /** SHA-256 of the exact content the reviewer was shown. */
    contentSha256: text("content_sha256").notNull(),
    /** The minimum dwell this item required (it scales with length and priority). */
    requiredDwellSeconds: bigint("required_dwell_seconds", { mode: "number" }).notNull().default(0),
    /** Judgement first: the reviewer's own verdict before the AI output was revealed. */
    judgementVerdict: text("judgement_verdict").$type<"approve" | "reject">(),
    judgementReason: text("judgement_reason"),
    /** The reviewer's first verdict disagreed with the AI, and the final decision followed the AI. */
    switchedToAi: boolean("switched_to_ai"),
    supportingEvidence: jsonText("supporting_evidence").$type<number[]>(),
    /** The highest word-shingle similarity of the rationale to the reviewer's recent ones or the AI output. */
    rationaleSimilarity: doublePrecision("rationale_similarity").notNull().default(0),
    attentionCorrect: boolean("attention_correct"),
    attentionCheck: jsonText("attention_check").$type<{ question: string; options: string[]; correctIndex: number; answerIndex: number }>(),
    /** For gold items: did the reviewer reach the known correct outcome? */
    goldCaught: boolean("gold_caught"),
    confidence: doublePrecision("confidence").notNull().default(0),
    systemId: text("system_id").notNull().default(""),
    /** The qualification in force when the reviewer decided (null only for verifications recorded before qualifications existed). */
    qualificationId: text("qualification_id").references(() => qualifications.id),
    /** The escalation's review round this verification belongs to (1 unless the decision was reopened). */
    round: bigint("round", { mode: "number" }).notNull().default(1),
    /** Set when its round's decision was reopened: kept in the record, no longer the decision in force. */
    supersededAt: bigint("superseded_at", { mode: "number" }),
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

export const evidenceOpenings = pgTable(
  "evidence_openings",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    escalationId: text("escalation_id")
      .notNull()
      .references(() => escalations.id),
    reviewerId: text("reviewer_id")
      .notNull()
      .references(() => users.id),
    evidenceIndex: bigint("evidence_index", { mode: "number" }).notNull(),
    openedAt: bigint("opened_at", { mode: "number" }).notNull(),
  },
  (t) => [index("evidence_openings_escalation_idx").on(t.escalationId, t.reviewerId)],
);

/** Judgement first: the verdict a reviewer records before the AI output is revealed to them. */
export const judgements = pgTable(
  "judgements",
  {
    escalationId: text("escalation_id")
      .notNull()
      .references(() => escalations.id),
    reviewerId: text("reviewer_id")
      .notNull()
      .references(() => users.id),
    claimedAt: bigint("claimed_at", { mode: "number" }).notNull(),
    verdict: text("verdict").$type<"approve" | "reject">().notNull(),
    reason: text("reason").notNull(),
    recordedAt: bigint("recorded_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.escalationId, t.reviewerId, t.claimedAt] })],
);

/**
 * A resolution when a two-person review's verifications disagree; one per escalation and review
 * round. The resolver (lead_id) adopts one recorded verification or records one of their own,
 * under a qualification in force granting override.
 */
export const resolutions = pgTable(
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
    resolvedAt: bigint("resolved_at", { mode: "number" }).notNull(),
    /** adopted: one of the disagreeing verifications; own_verification: the resolver's own. Null for resolutions recorded before this rule. */
    basis: text("basis").$type<"adopted" | "own_verification">(),
    /** The verification whose outcome became the decision. */
    verificationId: text("verification_id").references(() => verifications.id),
    /** The resolver's qualification in force, granting override. */
    qualificationId: text("qualification_id").references(() => qualifications.id),
    /** The review round it settled; superseded when that round's decision was reopened. */
    round: bigint("round", { mode: "number" }).notNull().default(1),
    supersededAt: bigint("superseded_at", { mode: "number" }),
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
export const reopenings = pgTable(
  "reopenings",
  {
    id: text("id").primaryKey(),
    escalationId: text("escalation_id")
      .notNull()
      .references(() => escalations.id),
    /** The round it opened (2 for the first reopening); the superseded decision is round − 1's. */
    round: bigint("round", { mode: "number" }).notNull(),
    reopenedBy: text("reopened_by")
      .notNull()
      .references(() => users.id),
    reopenedAt: bigint("reopened_at", { mode: "number" }).notNull(),
    reason: text("reason").notNull(),
    /** The reopener's qualification in force, granting override. */
    qualificationId: text("qualification_id").references(() => qualifications.id),
    /** The superseded round's decision time, first fetch by the AI system, and dispute, as the escalation held them. */
    previousDecidedAt: bigint("previous_decided_at", { mode: "number" }).notNull(),
    previousDecisionFetchedAt: bigint("previous_decision_fetched_at", { mode: "number" }),
    previousDisputedAt: bigint("previous_disputed_at", { mode: "number" }),
    /** The superseded round's dueAt, as the escalation held it; the new round's is on the escalation (reversal's due-time rule). */
    previousDueAt: text("previous_due_at"),
  },
  (t) => [uniqueIndex("reopenings_escalation_round_idx").on(t.escalationId, t.round), index("reopenings_reopened_idx").on(t.reopenedAt)],
);
