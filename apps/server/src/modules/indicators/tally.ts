import { agreementWithAi, approvalRate, confidenceBands, goldCatchRate, quantileRank, share } from "@countersign/shared/figures";
import type { ReviewerFigures } from "@countersign/shared/indicators";
import { addCounts, countVerification, dayOf, emptyCounts, type VerificationFacts } from "../tallies/counts";
import type { DayTally } from "../tallies/day-tally";

export type { VerificationFacts } from "../tallies/counts";

/** Reviewer-days with fewer decisions say nothing about drift across the day. */
const minDecisionsPerDay = 6;

/**
 * Running counts for one reviewer (or the team) over a window, fed in decision order: one
 * verification at a time (raw rows) or one whole day at a time (verification_tallies). It holds
 * only counts, an active-time histogram and the current day's active times — never the window's rows.
 */
export class Tally {
  counts = emptyCounts();
  duplicates = 0;
  activeHistogram = new Map<number, number>();
  run = 0;
  maxRun = 0;
  early = { sum: 0, n: 0 };
  late = { sum: 0, n: 0 };
  private day = -1;
  private dayActive: number[] = [];

  constructor(private readonly duplicateSimilarity: number) {}

  get decisions() {
    return this.counts.decisions;
  }

  add(facts: VerificationFacts) {
    countVerification(this.counts, facts);
    const active = facts[3];
    const approved = facts[4] === "approved";
    if (facts[9] >= this.duplicateSimilarity) this.duplicates++;
    this.activeHistogram.set(active, (this.activeHistogram.get(active) ?? 0) + 1);
    this.run = approved ? this.run + 1 : 0;
    this.maxRun = Math.max(this.maxRun, this.run);
    const day = dayOf(facts[1]);
    if (day !== this.day) this.closeDay(day);
    this.dayActive.push(active);
  }

  /** A reviewer's day, after everything before it: the same as adding its verifications one by one. */
  addDay(tally: DayTally) {
    addCounts(this.counts, tally.counts);
    this.duplicates += tally.duplicatesAt(this.duplicateSimilarity);
    for (const active of tally.activeSeconds) this.activeHistogram.set(active, (this.activeHistogram.get(active) ?? 0) + 1);
    const { lead, trail, longest } = tally.streaks();
    if (lead === tally.counts.decisions) {
      this.run += lead;
    } else {
      this.maxRun = Math.max(this.maxRun, this.run + lead, longest);
      this.run = trail;
    }
    this.maxRun = Math.max(this.maxRun, this.run);
    if (tally.day !== this.day) this.closeDay(tally.day);
    for (const active of tally.activeSeconds) this.dayActive.push(active);
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
    addCounts(this.counts, other.counts);
    this.duplicates += other.duplicates;
    for (const [seconds, count] of other.activeHistogram) this.activeHistogram.set(seconds, (this.activeHistogram.get(seconds) ?? 0) + count);
    this.maxRun = Math.max(this.maxRun, other.maxRun);
    this.early.sum += other.early.sum;
    this.early.n += other.early.n;
    this.late.sum += other.late.sum;
    this.late.n += other.late.n;
  }

  figures(): ReviewerFigures {
    const c = this.counts;
    const early = share(this.early.sum, this.early.n);
    const late = share(this.late.sum, this.late.n);
    return {
      decisions: c.decisions,
      medianActiveSeconds: this.kthActive(quantileRank(0.5, c.decisions)),
      p10ActiveSeconds: this.kthActive(quantileRank(0.1, c.decisions)),
      peerMedianActiveSeconds: null,
      nearFloorShare: share(c.nearFloor, c.approvals),
      approvalRate: approvalRate({ approved: c.approvals, overridden: c.judged - c.approvals }),
      approvalZ: null,
      agreementWithAi: agreementWithAi({ verdicts: c.verdicts, agreeing: c.verdicts - c.againstAi }),
      judgementVerdicts: c.verdicts,
      goldDecisions: c.goldN,
      goldCaught: c.goldCaught,
      goldCatchRate: goldCatchRate({ decided: c.goldN, caught: c.goldCaught }),
      evidenceOpenRate: share(c.opened, c.withEvidence),
      duplicateRationaleRate: share(this.duplicates, c.decisions),
      longestApprovalStreak: this.maxRun,
      approvalByConfidence: confidenceBands.map((band, index) => {
        const { n, approvals } = c.bands[index]!;
        return { band, decisions: n, approvalRate: approvalRate({ approved: approvals, overridden: n - approvals }) };
      }),
      judgementsAgainstAi: c.againstAi,
      switchRate: share(c.switched, c.againstAi),
      dayDriftRatio: early && late !== null ? late / early : null,
      attentionChecks: c.attentionN,
      attentionWrongShare: share(c.attentionWrong, c.attentionN),
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
