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
 * edges, the full computation) or tally it (verification_tallies). Decision order is (decided_at, rowid).
 */
export const verificationFactsColumns = `v.reviewer_id, v.decided_at, v.claimed_at, v.active_seconds, v.outcome, v.required_dwell_seconds, v.gold_caught,
  json_array_length(v.evidence_opened), coalesce(json_array_length(e.evidence), 0), v.rationale_similarity,
  v.judgement_verdict, v.switched_to_ai, v.attention_correct, v.confidence, v.system_id`;

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

export function addCounts(into: Counts, from: Counts) {
  for (const key of countKeys) into[key] += from[key];
  from.bands.forEach((band, index) => {
    into.bands[index]!.n += band.n;
    into.bands[index]!.approvals += band.approvals;
  });
}
