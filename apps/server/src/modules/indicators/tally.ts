import { agreementWithAi, approvalRate, confidenceBands, goldCatchRate, quantileRank, share } from "@countersign/shared/figures";
import type { ReviewerFigures } from "@countersign/shared/indicators";
import { addCounts, countVerification, dayOf, emptyCounts, type VerificationFacts } from "../tallies/counts";
import type { DayTally } from "../tallies/day-tally";
import { Histogram } from "./histogram";

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
  activeHistogram = new Histogram();
  run = 0;
  maxRun = 0;
  early = { sum: 0, n: 0 };
  late = { sum: 0, n: 0 };
  private day = -1;
  /** The current day's active seconds, in decision order, as the arrays they came in. */
  private dayActive: (readonly number[])[] = [];

  constructor(private readonly duplicateSimilarity: number) {}

  get decisions() {
    return this.counts.decisions;
  }

  add(facts: VerificationFacts) {
    countVerification(this.counts, facts);
    const active = facts[3];
    const approved = facts[4] === "approved";
    if (facts[9] >= this.duplicateSimilarity) this.duplicates++;
    this.activeHistogram.add(active);
    this.run = approved ? this.run + 1 : 0;
    this.maxRun = Math.max(this.maxRun, this.run);
    const day = dayOf(facts[1]);
    if (day !== this.day) this.closeDay(day);
    this.dayActive.push([active]);
  }

  /** A reviewer's day, after everything before it: the same as adding its verifications one by one. */
  addDay(tally: DayTally) {
    addCounts(this.counts, tally.counts);
    this.duplicates += tally.duplicatesAt(this.duplicateSimilarity);
    this.activeHistogram.addAll(tally.activeSeconds);
    const { lead, trail, longest } = tally.streaks();
    if (lead === tally.counts.decisions) {
      this.run += lead;
    } else {
      this.maxRun = Math.max(this.maxRun, this.run + lead, longest);
      this.run = trail;
    }
    this.maxRun = Math.max(this.maxRun, this.run);
    if (tally.day !== this.day) this.closeDay(tally.day);
    this.dayActive.push(tally.activeSeconds);
  }

  /** Drift across the working day: each reviewer-day's first half of decisions against its second. */
  closeDay(next = -1) {
    let n = 0;
    for (const part of this.dayActive) n += part.length;
    if (n >= minDecisionsPerDay) {
      let index = 0;
      for (const part of this.dayActive) {
        for (const seconds of part) {
          index++;
          const half = index * 2 <= n ? this.early : this.late;
          half.sum += seconds;
          half.n++;
        }
      }
    }
    this.day = next;
    this.dayActive = [];
  }

  /** Adds a reviewer's closed tally into the team's. */
  absorb(other: Tally) {
    addCounts(this.counts, other.counts);
    this.duplicates += other.duplicates;
    this.activeHistogram.absorb(other.activeHistogram);
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
      medianActiveSeconds: this.activeHistogram.kth(quantileRank(0.5, c.decisions)),
      p10ActiveSeconds: this.activeHistogram.kth(quantileRank(0.1, c.decisions)),
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
}
