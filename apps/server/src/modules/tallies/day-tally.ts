import type { verificationTallies } from "../../db/schema/tallies";
import { countVerification, emptyCounts, type Counts, type VerificationFacts } from "./counts";

export type TallyRow = typeof verificationTallies.$inferSelect;

/** The lowest duplicate-rationale threshold a lead may set (indicatorThresholdsSchema): lower similarities never count. */
export const lowestDuplicateSimilarity = 0.3;

/**
 * One reviewer's verifications on one UTC day (on one AI system, or on every system), in decision
 * order: counts, the active seconds and approvals in order, and the similarities that could count
 * as duplicates. A whole day read from verification_tallies and a window's partial day counted
 * from raw rows are the same thing, so the dashboard combines them one way.
 */
export class DayTally {
  counts: Counts = emptyCounts();
  activeSeconds: number[] = [];
  approvalSequence = "";
  similarities: number[] = [];

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
  }

  /** Rationales at or above a similarity threshold of at least 0.3. */
  duplicatesAt(threshold: number) {
    let n = 0;
    for (const similarity of this.similarities) if (similarity >= threshold) n++;
    return n;
  }

  /** Approvals before the first other outcome, after the last one, and the longest run. */
  streaks() {
    const sequence = this.approvalSequence;
    const lead = sequence.indexOf("0") === -1 ? sequence.length : sequence.indexOf("0");
    const trail = sequence.length - 1 - sequence.lastIndexOf("0");
    let longest = 0;
    for (const run of sequence.split("0")) longest = Math.max(longest, run.length);
    return { lead, trail, longest };
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
    };
  }
}
