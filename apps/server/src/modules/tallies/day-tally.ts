import type { verificationTallies } from "../../db/schema/tallies";
import { countCode, countVerification, dayMs, emptyCounts, factBits, factsCode, lowestDuplicateSimilarity, type Counts, type VerificationFacts } from "./counts";

export type TallyRow = typeof verificationTallies.$inferSelect;

/**
 * One reviewer's verifications on one UTC day (on one AI system, or on every system), in decision
 * order: counts, the active seconds and approvals in order, and the similarities that could count
 * as duplicates — and, for each verification, when in the day it was decided and its facts
 * (factsCode), so that the part of the day inside a window is a DayTally too (part).
 */
export class DayTally {
  counts: Counts = emptyCounts();
  activeSeconds: number[] = [];
  approvalSequence = "";
  similarities: number[] = [];
  /** Milliseconds into the day each verification was decided, in decision order (never decreasing). */
  decidedMs: number[] = [];
  /** Each verification's factsCode, in decision order. */
  facts: number[] = [];

  constructor(
    readonly day: number,
    readonly systemId: string,
    readonly reviewerId: string,
  ) {}

  /** Appends one verification, which must come after every one counted so far. */
  add(facts: VerificationFacts) {
    countVerification(this.counts, facts);
    this.activeSeconds.push(facts[3]);
    this.approvalSequence += facts[4] === "approved" ? "1" : "0";
    if (facts[9] >= lowestDuplicateSimilarity) this.similarities.push(facts[9]);
    this.decidedMs.push(facts[1] - this.day * dayMs);
    this.facts.push(factsCode(facts));
  }

  /**
   * The verifications decided in [from, to) (epoch milliseconds), counted again from their facts:
   * decision order is by decision time first, so they are one stretch of the day's sequences.
   * Needs a tally read with its instants and facts (not one of wholeDayColumns).
   */
  part(from: number, to: number): DayTally {
    const start = this.day * dayMs;
    const first = firstAtOrAfter(this.decidedMs, from - start);
    const end = firstAtOrAfter(this.decidedMs, to - start);
    if (first === 0 && end === this.decidedMs.length) return this;
    const part = new DayTally(this.day, this.systemId, this.reviewerId);
    let similarBefore = 0;
    for (let i = 0; i < first; i++) if (this.facts[i]! & factBits.similar) similarBefore++;
    let similar = 0;
    for (let i = first; i < end; i++) {
      countCode(part.counts, this.facts[i]!);
      if (this.facts[i]! & factBits.similar) similar++;
    }
    part.activeSeconds = this.activeSeconds.slice(first, end);
    part.approvalSequence = this.approvalSequence.slice(first, end);
    part.similarities = this.similarities.slice(similarBefore, similarBefore + similar);
    part.decidedMs = this.decidedMs.slice(first, end);
    part.facts = this.facts.slice(first, end);
    return part;
  }

  /** Rationales at or above a similarity threshold of at least 0.3. */
  duplicatesAt(threshold: number) {
    let n = 0;
    for (const similarity of this.similarities) if (similarity >= threshold) n++;
    return n;
  }

  /** Approvals before the first other outcome, after the last one, and the longest run (one pass: whole days call it 1,500 times a window). */
  streaks() {
    const sequence = this.approvalSequence;
    let lead = -1;
    let run = 0;
    let longest = 0;
    for (let i = 0; i < sequence.length; i++) {
      if (sequence.charCodeAt(i) === 49 /* "1" */) {
        run++;
        if (run > longest) longest = run;
      } else {
        if (lead < 0) lead = i;
        run = 0;
      }
    }
    return { lead: lead < 0 ? sequence.length : lead, trail: run, longest };
  }

  static fromRow(row: TallyRow): DayTally {
    const tally = new DayTally(row.day, row.systemId, row.reviewerId);
    const c = tally.counts;
    c.decisions = row.decisions;
    c.approvals = row.approvals;
    c.judged = row.judged;
    c.nearFloor = row.nearFloor;
    c.goldN = row.goldDecided;
    c.goldCaught = row.goldCaught;
    c.withEvidence = row.withEvidence;
    c.opened = row.evidenceOpened;
    c.verdicts = row.verdicts;
    c.againstAi = row.againstAi;
    c.switched = row.switchedToAi;
    c.attentionN = row.attentionChecks;
    c.attentionWrong = row.attentionWrong;
    c.bands = row.bands.map(([n, approvals]) => ({ n, approvals }));
    tally.activeSeconds = row.activeSeconds;
    tally.approvalSequence = row.approvalSequence;
    tally.similarities = row.similarities;
    tally.decidedMs = row.decidedMs;
    tally.facts = row.facts;
    return tally;
  }

  toRow(): TallyRow {
    const c = this.counts;
    return {
      day: this.day,
      systemId: this.systemId,
      reviewerId: this.reviewerId,
      decisions: c.decisions,
      approvals: c.approvals,
      judged: c.judged,
      nearFloor: c.nearFloor,
      goldDecided: c.goldN,
      goldCaught: c.goldCaught,
      withEvidence: c.withEvidence,
      evidenceOpened: c.opened,
      verdicts: c.verdicts,
      againstAi: c.againstAi,
      switchedToAi: c.switched,
      attentionChecks: c.attentionN,
      attentionWrong: c.attentionWrong,
      bands: c.bands.map((band) => [band.n, band.approvals]),
      activeSeconds: this.activeSeconds,
      approvalSequence: this.approvalSequence,
      similarities: this.similarities,
      decidedMs: this.decidedMs,
      facts: this.facts,
    };
  }
}

/** The index of the first value at or after `value` in an ascending array (its length when none is). */
function firstAtOrAfter(sorted: number[], value: number) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
