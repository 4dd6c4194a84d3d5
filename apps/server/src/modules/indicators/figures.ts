import { confidenceBands } from "@countersign/shared/figures";
import { median, zScore, type ReviewerFigures } from "@countersign/shared/indicators";
import type { Db } from "../../db/client";
import { Tally, type VerificationFacts } from "./tally";
import type { Scope } from "./window";

/**
 * Figures per reviewer and for the whole team over the window: one indexed pass over the
 * verifications in decision order, tallied as they stream by (nothing is held per row).
 */
export function reviewerFigures(db: Db, scope: Scope): { team: ReviewerFigures; reviewers: Map<string, ReviewerFigures> } {
  const rows = db.$client
    .prepare(
      `SELECT v.reviewer_id, v.decided_at, v.claimed_at, v.active_seconds, v.outcome, v.required_dwell_seconds, v.gold_caught,
              json_array_length(v.evidence_opened), coalesce(json_array_length(e.evidence), 0), v.rationale_similarity,
              v.judgement_verdict, v.switched_to_ai, v.attention_correct, v.confidence
         FROM verifications v JOIN escalations e ON e.id = v.escalation_id
        WHERE v.decided_at >= :from AND v.decided_at < :to AND (:systemId IS NULL OR v.system_id = :systemId)
        ORDER BY v.decided_at`,
    )
    .raw()
    .iterate({ from: scope.from, to: scope.to, systemId: scope.systemId }) as IterableIterator<VerificationFacts>;
  const tallies = new Map<string, Tally>();
  for (const facts of rows) {
    let tally = tallies.get(facts[0]);
    if (!tally) tallies.set(facts[0], (tally = new Tally(scope.thresholds.duplicateSimilarity)));
    tally.add(facts);
  }
  const team = new Tally(scope.thresholds.duplicateSimilarity);
  const reviewers = new Map<string, ReviewerFigures>();
  for (const [id, tally] of tallies) {
    tally.closeDay();
    team.absorb(tally);
    reviewers.set(id, tally.figures());
  }
  compareWithPeers(reviewers, scope.thresholds.minDecisions);
  return { team: team.decisions > 0 ? team.figures() : emptyFigures(), reviewers };
}

/** Each reviewer against their peers: the others with enough decisions (leave-one-out). */
function compareWithPeers(reviewers: Map<string, ReviewerFigures>, minDecisions: number) {
  const rated = [...reviewers.entries()].filter(([, f]) => f.decisions >= minDecisions);
  for (const [id, figures] of reviewers) {
    const peers = rated.filter(([other]) => other !== id).map(([, f]) => f);
    figures.peerMedianActiveSeconds = median(peers.flatMap((f) => (f.medianActiveSeconds === null ? [] : [f.medianActiveSeconds])));
    if (figures.approvalRate === null) continue;
    figures.approvalZ = zScore(figures.approvalRate, peers.flatMap((f) => (f.approvalRate === null ? [] : [f.approvalRate])));
  }
}

export function emptyFigures(): ReviewerFigures {
  return {
    decisions: 0,
    medianActiveSeconds: null,
    p10ActiveSeconds: null,
    peerMedianActiveSeconds: null,
    nearFloorShare: null,
    approvalRate: null,
    approvalZ: null,
    agreementWithAi: null,
    judgementVerdicts: 0,
    goldDecisions: 0,
    goldCaught: 0,
    goldCatchRate: null,
    evidenceOpenRate: null,
    duplicateRationaleRate: null,
    longestApprovalStreak: 0,
    approvalByConfidence: confidenceBands.map((band) => ({ band, decisions: 0, approvalRate: null })),
    judgementsAgainstAi: 0,
    switchRate: null,
    dayDriftRatio: null,
    attentionChecks: 0,
    attentionWrongShare: null,
  };
}
