import { dialectFor, type Dialect, type Engine } from "../../db/dialect";
import { confidenceBandOf, confidenceBands } from "@countersign/shared/figures";

/** One verification, as the indicators read it (a raw row, in decision order). */
export type VerificationFacts = [
  reviewerId: string,
  decidedAt: number,
  claimedAt: number,
  activeSeconds: number,
  outcome: string,
  requiredDwellSeconds: number,
  goldCaught: number | null,
  openedCount: number,
  evidenceCount: number,
  rationaleSimilarity: number,
  judgementVerdict: string | null,
  switchedToAi: number | null,
  attentionCorrect: number | null,
  confidence: number,
  systemId: string,
];

/**
 * The verification facts in that order, for verifications `v` joined to their escalations `e`:
 * the one list of what the indicators read of a verification, whether they read it raw (a window's
 * edges, the full computation) or tally it (verification_tallies). Booleans are read as 1/0 on
 * both engines. Text per engine (statements are cached by their text).
 */
const factsColumns = (d: Dialect) => `v.reviewer_id, v.decided_at, v.claimed_at, v.active_seconds, v.outcome, v.required_dwell_seconds, ${d.boolInt("v.gold_caught")},
  ${d.jsonArrayLength("v.evidence_opened")}, coalesce(${d.jsonArrayLength("e.evidence")}, 0), v.rationale_similarity,
  v.judgement_verdict, ${d.boolInt("v.switched_to_ai")}, ${d.boolInt("v.attention_correct")}, v.confidence, v.system_id`;
export const verificationFactsColumns: Record<Engine, string> = { sqlite: factsColumns(dialectFor("sqlite")), postgres: factsColumns(dialectFor("postgres")) };

/**
 * Decision order: by decision time, then in the order the verifications were recorded (SQLite's
 * rowid). PostgreSQL has no rowid: there verifications decided in the same millisecond are taken
 * in id order, as its backfill (db/pg/tallies-sql.ts) takes them.
 */
export const decisionTiebreak: Record<Engine, string> = { sqlite: "v.rowid", postgres: "v.id" };

export const dayMs = 86_400_000;
/** The UTC day a decision falls on, as the trend and the tallies count days. */
export const dayOf = (decidedAt: number) => Math.floor(decidedAt / dayMs);

/**
 * The counts behind the indicators' rates. Each verification adds to them in one place
 * (countVerification), whether it is counted raw or into a day's tally.
 */
export type Counts = {
  decisions: number;
  approvals: number;
  /** Approved, modified or rejected: the approval rate's denominator. */
  judged: number;
  nearFloor: number;
  goldN: number;
  goldCaught: number;
  withEvidence: number;
  opened: number;
  againstAi: number;
  verdicts: number;
  switched: number;
  attentionN: number;
  attentionWrong: number;
  /** Per confidence band: judged decisions and approvals. */
  bands: { n: number; approvals: number }[];
};

export const countKeys = [
  "decisions",
  "approvals",
  "judged",
  "nearFloor",
  "goldN",
  "goldCaught",
  "withEvidence",
  "opened",
  "againstAi",
  "verdicts",
  "switched",
  "attentionN",
  "attentionWrong",
] as const;

export function emptyCounts(): Counts {
  return {
    decisions: 0,
    approvals: 0,
    judged: 0,
    nearFloor: 0,
    goldN: 0,
    goldCaught: 0,
    withEvidence: 0,
    opened: 0,
    againstAi: 0,
    verdicts: 0,
    switched: 0,
    attentionN: 0,
    attentionWrong: 0,
    bands: confidenceBands.map(() => ({ n: 0, approvals: 0 })),
  };
}

/** Adds one verification to the counts. */
export function countVerification(counts: Counts, facts: VerificationFacts) {
  const [, decidedAt, claimedAt, , outcome, requiredDwell, goldCaught, openedCount, evidenceCount, , verdict, switched, attention, confidence] = facts;
  const approved = outcome === "approved";
  counts.decisions++;
  if (approved) {
    counts.approvals++;
    // Decided within 15% (+2 s) of the minimum dwell: the timer may be setting the pace.
    if ((decidedAt - claimedAt) / 1000 <= requiredDwell * 1.15 + 2) counts.nearFloor++;
  }
  if (outcome === "approved" || outcome === "modified" || outcome === "rejected") {
    counts.judged++;
    const band = counts.bands[confidenceBandOf(confidence)]!;
    band.n++;
    if (approved) band.approvals++;
  }
  if (goldCaught !== null) {
    counts.goldN++;
    if (goldCaught === 1) counts.goldCaught++;
  }
  if (evidenceCount > 0) {
    counts.withEvidence++;
    if (openedCount > 0) counts.opened++;
  }
  if (verdict !== null) {
    counts.verdicts++;
    if (verdict === "reject") counts.againstAi++;
  }
  if (switched === 1) counts.switched++;
  if (attention !== null) {
    counts.attentionN++;
    if (attention === 0) counts.attentionWrong++;
  }
}

/** Rationales this similar or more may count as duplicates (the lowest threshold a lead may set, indicatorThresholdsSchema). */
export const lowestDuplicateSimilarity = 0.3;

/**
 * One verification's facts as bits (factsCode): what countVerification adds up, kept for each
 * verification of a day in its tally, in decision order, so that the part of a day inside a window
 * that starts or ends within it is counted from the tally alone (DayTally.part). factsCodeSql in
 * backfill.ts writes the same bits.
 */
export const factBits = {
  approved: 1,
  judged: 2,
  nearFloor: 4,
  /** Two bits from here: the confidence band of a judged decision. */
  band: 8,
  gold: 32,
  goldCaught: 64,
  withEvidence: 128,
  opened: 256,
  verdict: 512,
  againstAi: 1024,
  switched: 2048,
  attention: 4096,
  attentionWrong: 8192,
  /** Its rationale similarity is kept in the day's similarities (lowestDuplicateSimilarity or more). */
  similar: 16384,
} as const;
if (confidenceBands.length > 4) throw new Error("factBits holds a confidence band in two bits");

export function factsCode(facts: VerificationFacts): number {
  const [, decidedAt, claimedAt, , outcome, requiredDwell, goldCaught, openedCount, evidenceCount, similarity, verdict, switched, attention, confidence] = facts;
  const b = factBits;
  let code = 0;
  if (outcome === "approved") {
    code |= b.approved;
    if ((decidedAt - claimedAt) / 1000 <= requiredDwell * 1.15 + 2) code |= b.nearFloor;
  }
  if (outcome === "approved" || outcome === "modified" || outcome === "rejected") code |= b.judged | (confidenceBandOf(confidence) * b.band);
  if (goldCaught !== null) code |= goldCaught === 1 ? b.gold | b.goldCaught : b.gold;
  if (evidenceCount > 0) code |= openedCount > 0 ? b.withEvidence | b.opened : b.withEvidence;
  if (verdict !== null) code |= verdict === "reject" ? b.verdict | b.againstAi : b.verdict;
  if (switched === 1) code |= b.switched;
  if (attention !== null) code |= attention === 0 ? b.attention | b.attentionWrong : b.attention;
  if (similarity >= lowestDuplicateSimilarity) code |= b.similar;
  return code;
}

/** Adds one verification, given as its factsCode, to the counts: the same as countVerification. */
export function countCode(counts: Counts, code: number) {
  const b = factBits;
  counts.decisions++;
  if (code & b.approved) counts.approvals++;
  if (code & b.nearFloor) counts.nearFloor++;
  if (code & b.judged) {
    counts.judged++;
    const band = counts.bands[Math.floor(code / b.band) & 3]!;
    band.n++;
    if (code & b.approved) band.approvals++;
  }
  if (code & b.gold) counts.goldN++;
  if (code & b.goldCaught) counts.goldCaught++;
  if (code & b.withEvidence) counts.withEvidence++;
  if (code & b.opened) counts.opened++;
  if (code & b.verdict) counts.verdicts++;
  if (code & b.againstAi) counts.againstAi++;
  if (code & b.switched) counts.switched++;
  if (code & b.attention) counts.attentionN++;
  if (code & b.attentionWrong) counts.attentionWrong++;
}

export function addCounts(into: Counts, from: Counts) {
  for (const key of countKeys) into[key] += from[key];
  from.bands.forEach((band, index) => {
    into.bands[index]!.n += band.n;
    into.bands[index]!.approvals += band.approvals;
  });
}
