import { agreementWithAi, approvalRate, confidenceBandOf, confidenceBands, goldCatchRate, quantileRank, share } from "@countersign/shared/figures";
import type { ReviewerFigures } from "@countersign/shared/indicators";

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
];

const dayMs = 86_400_000;
/** Reviewer-days with fewer decisions say nothing about drift across the day. */
const minDecisionsPerDay = 6;

/**
 * Running counts for one reviewer (or the team), updated one verification at a time so the
 * dashboard reads each row once and holds only counts, an active-time histogram and the
 * current day's active times — never the window's rows.
 */
export class Tally {
  decisions = 0;
  approvals = 0;
  judged = 0;
  nearFloor = 0;
  goldN = 0;
  goldCaught = 0;
  withEvidence = 0;
  opened = 0;
  duplicates = 0;
  againstAi = 0;
  verdicts = 0;
  switched = 0;
  attentionN = 0;
  attentionWrong = 0;
  bands = confidenceBands.map(() => ({ n: 0, approvals: 0 }));
  activeHistogram = new Map<number, number>();
  run = 0;
  maxRun = 0;
  early = { sum: 0, n: 0 };
  late = { sum: 0, n: 0 };
  private day = -1;
  private dayActive: number[] = [];

  constructor(private readonly duplicateSimilarity: number) {}

  add(facts: VerificationFacts) {
    const [, decidedAt, claimedAt, active, outcome, requiredDwell, goldCaught, openedCount, evidenceCount, similarity, verdict, switched, attention, confidence] = facts;
    const approved = outcome === "approved";
    this.decisions++;
    if (approved) {
      this.approvals++;
      if ((decidedAt - claimedAt) / 1000 <= requiredDwell * 1.15 + 2) this.nearFloor++;
    }
    if (outcome === "approved" || outcome === "modified" || outcome === "rejected") {
      this.judged++;
      const band = this.bands[confidenceBandOf(confidence)]!;
      band.n++;
      if (approved) band.approvals++;
    }
    if (goldCaught !== null) {
      this.goldN++;
      if (goldCaught === 1) this.goldCaught++;
    }
    if (evidenceCount > 0) {
      this.withEvidence++;
      if (openedCount > 0) this.opened++;
    }
    if (similarity >= this.duplicateSimilarity) this.duplicates++;
    if (verdict !== null) {
      this.verdicts++;
      if (verdict === "reject") this.againstAi++;
    }
    if (switched === 1) this.switched++;
    if (attention !== null) {
      this.attentionN++;
      if (attention === 0) this.attentionWrong++;
    }
    this.activeHistogram.set(active, (this.activeHistogram.get(active) ?? 0) + 1);
    this.run = approved ? this.run + 1 : 0;
    this.maxRun = Math.max(this.maxRun, this.run);
    const day = Math.floor(decidedAt / dayMs);
    if (day !== this.day) this.closeDay(day);
    this.dayActive.push(active);
  }

  /** Drift across the working day: each reviewer-day's first half of decisions against its second. */
  closeDay(next = -1) {
    const n = this.dayActive.length;
    if (n >= minDecisionsPerDay) {
      this.dayActive.forEach((seconds, index) => {
        const half = (index + 1) * 2 <= n ? this.early : this.late;
        half.sum += seconds;
        half.n++;
      });
    }
    this.day = next;
    this.dayActive = [];
  }

  /** Adds a reviewer's closed tally into the team's. */
  absorb(other: Tally) {
    for (const key of ["decisions", "approvals", "judged", "nearFloor", "goldN", "goldCaught", "withEvidence", "opened", "duplicates", "againstAi", "verdicts", "switched", "attentionN", "attentionWrong"] as const) {
      this[key] += other[key];
    }
    other.bands.forEach((band, index) => {
      this.bands[index]!.n += band.n;
      this.bands[index]!.approvals += band.approvals;
    });
    for (const [seconds, count] of other.activeHistogram) this.activeHistogram.set(seconds, (this.activeHistogram.get(seconds) ?? 0) + count);
    this.maxRun = Math.max(this.maxRun, other.maxRun);
    this.early.sum += other.early.sum;
    this.early.n += other.early.n;
    this.late.sum += other.late.sum;
    this.late.n += other.late.n;
  }

  figures(): ReviewerFigures {
    const early = share(this.early.sum, this.early.n);
    const late = share(this.late.sum, this.late.n);
    return {
      decisions: this.decisions,
      medianActiveSeconds: this.kthActive(quantileRank(0.5, this.decisions)),
      p10ActiveSeconds: this.kthActive(quantileRank(0.1, this.decisions)),
      peerMedianActiveSeconds: null,
      nearFloorShare: share(this.nearFloor, this.approvals),
      approvalRate: approvalRate({ approved: this.approvals, overridden: this.judged - this.approvals }),
      approvalZ: null,
      agreementWithAi: agreementWithAi({ verdicts: this.verdicts, agreeing: this.verdicts - this.againstAi }),
      judgementVerdicts: this.verdicts,
      goldDecisions: this.goldN,
      goldCaught: this.goldCaught,
      goldCatchRate: goldCatchRate({ decided: this.goldN, caught: this.goldCaught }),
      evidenceOpenRate: share(this.opened, this.withEvidence),
      duplicateRationaleRate: share(this.duplicates, this.decisions),
      longestApprovalStreak: this.maxRun,
      approvalByConfidence: confidenceBands.map((band, index) => {
        const { n, approvals } = this.bands[index]!;
        return { band, decisions: n, approvalRate: approvalRate({ approved: approvals, overridden: n - approvals }) };
      }),
      judgementsAgainstAi: this.againstAi,
      switchRate: share(this.switched, this.againstAi),
      dayDriftRatio: early && late !== null ? late / early : null,
      attentionChecks: this.attentionN,
      attentionWrongShare: share(this.attentionWrong, this.attentionN),
    };
  }

  private kthActive(k: number | null): number | null {
    if (k === null) return null;
    let seen = 0;
    for (const seconds of [...this.activeHistogram.keys()].sort((a, b) => a - b)) {
      seen += this.activeHistogram.get(seconds)!;
      if (seen >= k) return seconds;
    }
    return null;
  }
}
