import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** The system_id of a reviewer-day's row over every AI system (the dashboard without a system filter). */
export const everySystem = "*";

/**
 * One reviewer's verifications on one UTC day, on one AI system (and once more over every system,
 * system_id '*'), kept in the transaction that records or removes a verification. The lead's
 * dashboard reads a window from here alone — whole days, and the part of a partial first or last
 * day inside the window — so a 30-day window reads about 1,500 rows, not 330,000.
 *
 * Counts are the numerators and denominators of the figures (packages/shared figures.ts turns
 * them into figures). Three figures depend on order or on every value — the median active time,
 * the longest approval streak, drift across the working day — so the day's active seconds and
 * approvals are kept in decision order; a rationale similarity of 0.3 or more (the lowest
 * duplicate threshold a lead may set) is kept as its exact value.
 */
export const verificationTallies = sqliteTable(
  "verification_tallies",
  {
    /** Days since 1970-01-01 (UTC): floor(decided_at / 86,400,000). */
    day: integer("day").notNull(),
    systemId: text("system_id").notNull(),
    reviewerId: text("reviewer_id").notNull(),
    decisions: integer("decisions").notNull(),
    approvals: integer("approvals").notNull(),
    /** Approved, modified or rejected: the approval rate's denominator (escalated further took no position). */
    judged: integer("judged").notNull(),
    nearFloor: integer("near_floor").notNull(),
    goldDecided: integer("gold_decided").notNull(),
    goldCaught: integer("gold_caught").notNull(),
    withEvidence: integer("with_evidence").notNull(),
    evidenceOpened: integer("evidence_opened").notNull(),
    verdicts: integer("verdicts").notNull(),
    againstAi: integer("against_ai").notNull(),
    switchedToAi: integer("switched_to_ai").notNull(),
    attentionChecks: integer("attention_checks").notNull(),
    attentionWrong: integer("attention_wrong").notNull(),
    /** Per confidence band (figures.confidenceBands): [judged, approved]. */
    bands: text("bands", { mode: "json" }).$type<[number, number][]>().notNull(),
    /** Active seconds of each verification, in decision order. */
    activeSeconds: text("active_seconds", { mode: "json" }).$type<number[]>().notNull(),
    /** '1' for an approval, '0' otherwise, one character per verification in decision order. */
    approvalSequence: text("approval_sequence").notNull(),
    /** Rationale similarities of 0.3 or more (JSON numbers written with enough digits to read back exactly). */
    similarities: text("similarities", { mode: "json" }).$type<number[]>().notNull(),
    /**
     * When in the day each verification was decided (milliseconds since midnight UTC) and its facts
     * (tallies/counts.ts factsCode: the bits behind the counts), in decision order: a window that
     * starts or ends within the day counts its part from here, not from the verifications. Last,
     * so that reading whole days, which never needs them, does not either.
     */
    decidedMs: text("decided_ms", { mode: "json" }).$type<number[]>().notNull().default([]),
    facts: text("facts", { mode: "json" }).$type<number[]>().notNull().default([]),
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
export const escalationTallies = sqliteTable(
  "escalation_tallies",
  {
    /** Days since 1970-01-01 (UTC) of received_at. */
    day: integer("day").notNull(),
    systemId: text("system_id").notNull(),
    reasonCode: text("reason_code").notNull(),
    model: text("model").notNull(),
    escalations: integer("escalations").notNull(),
    /** Of those, decided now. */
    decided: integer("decided").notNull(),
    /** Verifications recorded on them, superseded ones too (each a reviewer's act: review time). */
    verifications: integer("verifications").notNull(),
    /** Of those, the decisions in force (figures.decisionInForceSql: a reopened round's are superseded), by outcome. */
    decisions: integer("decisions").notNull(),
    approved: integer("approved").notNull(),
    overridden: integer("overridden").notNull(),
    escalatedFurther: integer("escalated_further").notNull(),
    /** Those verifications' active seconds: {"seconds": count}. */
    activeSeconds: text("active_seconds", { mode: "json" }).$type<Record<string, number>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.day, t.reasonCode, t.model] })],
);
