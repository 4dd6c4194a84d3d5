import { sql } from "drizzle-orm";
import { bigint, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { jsonText } from "./json-text";

/**
 * One reviewer's verifications on one UTC day, on one AI system (and once more over every system,
 * system_id '*'), kept in the transaction that records or removes a verification. The lead's
 * dashboard and the system pages read whole days from here and only a window's partial first
 * and last day from the verifications, so a 30-day window reads about 1,500 rows, not 330,000.
 *
 * Counts are the numerators and denominators of the figures (packages/shared figures.ts turns
 * them into figures). Three figures depend on order or on every value — the median active time,
 * the longest approval streak, drift across the working day — so the day's active seconds and
 * approvals are kept in decision order; a rationale similarity of 0.3 or more (the lowest
 * duplicate threshold a lead may set) is kept as its exact value.
 */
export const verificationTallies = pgTable(
  "verification_tallies",
  {
    /** Days since 1970-01-01 (UTC): floor(decided_at / 86,400,000). */
    day: bigint("day", { mode: "number" }).notNull(),
    systemId: text("system_id").notNull(),
    reviewerId: text("reviewer_id").notNull(),
    decisions: bigint("decisions", { mode: "number" }).notNull(),
    approvals: bigint("approvals", { mode: "number" }).notNull(),
    /** Approved, modified or rejected: the approval rate's denominator (escalated further took no position). */
    judged: bigint("judged", { mode: "number" }).notNull(),
    nearFloor: bigint("near_floor", { mode: "number" }).notNull(),
    goldDecided: bigint("gold_decided", { mode: "number" }).notNull(),
    goldCaught: bigint("gold_caught", { mode: "number" }).notNull(),
    withEvidence: bigint("with_evidence", { mode: "number" }).notNull(),
    evidenceOpened: bigint("evidence_opened", { mode: "number" }).notNull(),
    verdicts: bigint("verdicts", { mode: "number" }).notNull(),
    againstAi: bigint("against_ai", { mode: "number" }).notNull(),
    switchedToAi: bigint("switched_to_ai", { mode: "number" }).notNull(),
    attentionChecks: bigint("attention_checks", { mode: "number" }).notNull(),
    attentionWrong: bigint("attention_wrong", { mode: "number" }).notNull(),
    /** Per confidence band (figures.confidenceBands): [judged, approved]. */
    bands: jsonText("bands").$type<[number, number][]>().notNull(),
    /** Active seconds of each verification, in decision order. */
    activeSeconds: jsonText("active_seconds").$type<number[]>().notNull(),
    /** '1' for an approval, '0' otherwise, one character per verification in decision order. */
    approvalSequence: text("approval_sequence").notNull(),
    /** Rationale similarities of 0.3 or more (JSON numbers written with enough digits to read back exactly). */
    similarities: jsonText("similarities").$type<number[]>().notNull(),
    /** When in the day each verification was decided, and its facts (tallies/counts.ts factsCode), in decision order (an SQL default: drizzle-kit cannot write a custom type's value as one). */
    decidedMs: jsonText("decided_ms").$type<number[]>().notNull().default(sql`'[]'`),
    facts: jsonText("facts").$type<number[]>().notNull().default(sql`'[]'`),
  },
  (t) => [primaryKey({ columns: [t.day, t.systemId, t.reviewerId] })],
);


/**
 * The escalations an AI system sent on one UTC day (by received_at), per escalation reason and
 * model version, with how they were verified: what a system's page reads (breakdowns, the review
 * time behind the cost, the reviewed share). Gold copies never count. Kept by triggers on
 * escalations and verifications (custom migration), so every path that writes them — intake, a
 * decision, the purge, bulk loads — keeps it; all its figures are sums, so a row only ever adds
 * or takes away one escalation or verification.
 */
export const escalationTallies = pgTable(
  "escalation_tallies",
  {
    /** Days since 1970-01-01 (UTC) of received_at. */
    day: bigint("day", { mode: "number" }).notNull(),
    systemId: text("system_id").notNull(),
    reasonCode: text("reason_code").notNull(),
    model: text("model").notNull(),
    escalations: bigint("escalations", { mode: "number" }).notNull(),
    /** Of those, decided now. */
    decided: bigint("decided", { mode: "number" }).notNull(),
    /** Verifications recorded on them, superseded ones too (each a reviewer's act: review time). */
    verifications: bigint("verifications", { mode: "number" }).notNull(),
    /** Of those, the decisions in force (figures.decisionInForceSql: a reopened round's are superseded), by outcome. */
    decisions: bigint("decisions", { mode: "number" }).notNull(),
    approved: bigint("approved", { mode: "number" }).notNull(),
    overridden: bigint("overridden", { mode: "number" }).notNull(),
    escalatedFurther: bigint("escalated_further", { mode: "number" }).notNull(),
    /** Those verifications' active seconds: {"seconds": count}. */
    activeSeconds: jsonText("active_seconds").$type<Record<string, number>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.day, t.reasonCode, t.model] })],
);
