import { confidenceBands } from "@countersign/shared/figures";
import { median, zScore, type ReviewerFigures } from "@countersign/shared/indicators";
import type { Db } from "../../db/client";
import { engineOf } from "../../db/transaction";
import { rawStatement } from "../../lib/prepared";
import { decisionTiebreak, verificationFactsColumns, type VerificationFacts } from "../tallies/counts";
import type { DayTally } from "../tallies/day-tally";
import { talliesInWindow } from "../tallies/read";
import { Tally } from "./tally";
import type { Scope } from "./window";

type Figures = { team: ReviewerFigures; reviewers: Map<string, ReviewerFigures> };

/**
 * Figures per reviewer and for the whole team over the window, from the window's reviewer-days
 * (talliesInWindow: whole days tallied, the edges counted raw) fed to each reviewer in day order.
 */
export async function reviewerFigures(db: Db, scope: Scope): Promise<Figures> {
  return figuresFromDays(await talliesInWindow(db, scope), scope);
}

export function figuresFromDays(days: DayTally[], scope: Scope): Figures {
  const tallies = new Map<string, Tally>();
  for (const day of days) {
    let tally = tallies.get(day.reviewerId);
    if (!tally) tallies.set(day.reviewerId, (tally = new Tally(scope.thresholds.duplicateSimilarity)));
    tally.addDay(day);
  }
  return finish(tallies, scope);
}

/**
 * The full computation: one indexed pass over every verification in the window, in decision
 * order. The dashboard reads tallies instead; a test holds the two to the same figures.
 */
export async function reviewerFiguresFromRows(db: Db, scope: Scope): Promise<Figures> {
  const engine = engineOf(db);
  const rows = (await rawStatement(
    db,
    `SELECT ${verificationFactsColumns[engine]} FROM verifications v JOIN escalations e ON e.id = v.escalation_id
      WHERE v.decided_at >= :from AND v.decided_at < :to AND (CAST(:systemId AS TEXT) IS NULL OR v.system_id = :systemId)
      ORDER BY v.decided_at, ${decisionTiebreak[engine]}`,
  ).all({ from: scope.from, to: scope.to, systemId: scope.systemId })) as VerificationFacts[];
  const tallies = new Map<string, Tally>();
  for (const facts of rows) {
    let tally = tallies.get(facts[0]);
    if (!tally) tallies.set(facts[0], (tally = new Tally(scope.thresholds.duplicateSimilarity)));
    tally.add(facts);
  }
  return finish(tallies, scope);
}

/** Closes each reviewer's tally, in reviewer id order (so sums over peers never depend on arrival order). */
function finish(tallies: Map<string, Tally>, scope: Scope): Figures {
  const team = new Tally(scope.thresholds.duplicateSimilarity);
  const reviewers = new Map<string, ReviewerFigures>();
  for (const id of [...tallies.keys()].sort()) {
    const tally = tallies.get(id)!;
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
