import { z } from "zod";
import { wellFormedText } from "./exact";

/** Thresholds a lead can tune; every flag names the one it crossed. */
export const indicatorThresholdsSchema = z.strictObject({
  minDecisions: z.number().int().min(1).max(1000).default(10),
  fastRatio: z.number().min(0.05).max(1).default(0.5),
  nearFloorShare: z.number().min(0).max(1).default(0.5),
  approvalZ: z.number().min(0.5).max(10).default(2),
  goldCatchMin: z.number().min(0).max(1).default(0.6),
  evidenceOpenMin: z.number().min(0).max(1).default(0.3),
  duplicateSimilarity: z.number().min(0.3).max(1).default(0.6),
  duplicateShare: z.number().min(0).max(1).default(0.3),
  streak: z.number().int().min(2).max(10_000).default(20),
  flatSpread: z.number().min(0).max(1).default(0.1),
  switchRate: z.number().min(0).max(1).default(0.5),
  dayDrift: z.number().min(0.05).max(1).default(0.6),
  attentionWrongShare: z.number().min(0).max(1).default(0.2),
});
export type IndicatorThresholds = z.infer<typeof indicatorThresholdsSchema>;
export const defaultThresholds: IndicatorThresholds = indicatorThresholdsSchema.parse({});

export const indicatorWindowSchema = z.strictObject({
  system: wellFormedText("system").max(63).optional(),
  from: z.iso.datetime({ offset: true, error: "from must be an ISO 8601 date-time" }),
  to: z.iso.datetime({ offset: true, error: "to must be an ISO 8601 date-time" }),
  thresholds: indicatorThresholdsSchema.partial().optional(),
});
export type IndicatorWindow = z.infer<typeof indicatorWindowSchema>;

export const flagKinds = [
  "fast",
  "near_floor",
  "approval_rate",
  "gold_missed",
  "evidence_unopened",
  "duplicate_rationale",
  "approval_streak",
  "flat_confidence",
  "switch_to_ai",
  "day_drift",
  "attention_wrong",
] as const;
export type FlagKind = (typeof flagKinds)[number];

export const behindFlagInputSchema = indicatorWindowSchema.extend({
  reviewerId: wellFormedText("reviewerId").min(1),
  kind: z.enum(flagKinds),
});

/** One reviewer's (or the team's) figures over a window. Rates are null without a sample. */
export type ReviewerFigures = {
  decisions: number;
  medianActiveSeconds: number | null;
  p10ActiveSeconds: number | null;
  /** The median of the other reviewers' medians: "peers". */
  peerMedianActiveSeconds: number | null;
  nearFloorShare: number | null;
  /** figures.approvalRate: approved ÷ (approved + modified + rejected). */
  approvalRate: number | null;
  approvalZ: number | null;
  /** figures.agreementWithAi: own verdicts (judgement first) that agreed with the AI ÷ own verdicts. */
  agreementWithAi: number | null;
  /** Own verdicts recorded before the AI output was shown (judgement first): agreementWithAi's sample. */
  judgementVerdicts: number;
  goldDecisions: number;
  goldCaught: number;
  /** figures.goldCatchRate: goldCaught ÷ goldDecisions. */
  goldCatchRate: number | null;
  evidenceOpenRate: number | null;
  duplicateRationaleRate: number | null;
  longestApprovalStreak: number;
  approvalByConfidence: { band: string; decisions: number; approvalRate: number | null }[];
  judgementsAgainstAi: number;
  switchRate: number | null;
  dayDriftRatio: number | null;
  attentionChecks: number;
  attentionWrongShare: number | null;
};

export type Flag = { kind: FlagKind; question: string; threshold: string };

const ratio = (value: number) => (value >= 10 ? value.toFixed(0) : value.toFixed(1));
const pct = (value: number) => `${Math.round(value * 100)}%`;

/** Confidence bands whose approval rates should differ if the reviewer discriminates. */
export function confidenceSpread(bands: ReviewerFigures["approvalByConfidence"], minPerBand = 5): number | null {
  const rates = bands.filter((b) => b.decisions >= minPerBand && b.approvalRate !== null).map((b) => b.approvalRate!);
  if (rates.length < 2) return null;
  return Math.max(...rates) - Math.min(...rates);
}

/**
 * Indicators, each worded as a question for a conversation with the reviewer, never a verdict.
 * A reviewer with fewer than the minimum decisions is not flagged at all.
 */
/**
 * The longest run of approvals expected by chance in n decisions at approval rate p
 * (≈ log(n(1−p)) / log(1/p)); null when p is 0 or 1.
 */
export function expectedLongestRun(n: number, p: number): number | null {
  if (n <= 0 || p <= 0 || p >= 1) return null;
  return Math.max(1, Math.log(n * (1 - p)) / Math.log(1 / p));
}

export function reviewerFlags(mine: ReviewerFigures, t: IndicatorThresholds, team?: ReviewerFigures): Flag[] {
  if (mine.decisions < t.minDecisions) return [];
  const flags: Flag[] = [];
  const peers = mine.peerMedianActiveSeconds;
  if (mine.medianActiveSeconds !== null && peers && mine.medianActiveSeconds < peers * t.fastRatio) {
    flags.push({
      kind: "fast",
      question: `Decides ${ratio(peers / Math.max(mine.medianActiveSeconds, 0.5))}× faster than peers (median ${Math.round(mine.medianActiveSeconds)} s vs ${Math.round(peers)} s). Are the items getting a full read?`,
      threshold: `median active time below ${pct(t.fastRatio)} of peers'`,
    });
  }
  if (mine.nearFloorShare !== null && mine.nearFloorShare > t.nearFloorShare) {
    flags.push({
      kind: "near_floor",
      question: `${pct(mine.nearFloorShare)} of decisions land right at the minimum dwell time. Is the timer setting the pace?`,
      threshold: `more than ${pct(t.nearFloorShare)} of decisions near the dwell floor`,
    });
  }
  if (mine.approvalZ !== null && mine.approvalZ > t.approvalZ) {
    flags.push({
      kind: "approval_rate",
      question: `Approves ${pct(mine.approvalRate ?? 0)} of items, ${mine.approvalZ.toFixed(1)} standard deviations above peers. Different items, or a different bar?`,
      threshold: `approval-rate z-score above ${t.approvalZ}`,
    });
  }
  if (mine.goldCatchRate !== null && mine.goldDecisions >= 2 && mine.goldCatchRate < t.goldCatchMin) {
    flags.push({
      kind: "gold_missed",
      question: `Caught ${mine.goldCaught} of ${mine.goldDecisions} known errors in gold items. What made the wrong outputs look right?`,
      threshold: `gold catch rate below ${pct(t.goldCatchMin)}`,
    });
  }
  if (mine.evidenceOpenRate !== null && mine.evidenceOpenRate < t.evidenceOpenMin) {
    flags.push({
      kind: "evidence_unopened",
      question: `Opened evidence on ${pct(mine.evidenceOpenRate)} of items that had some. Is the summary enough to decide on?`,
      threshold: `evidence opened on fewer than ${pct(t.evidenceOpenMin)} of items with evidence`,
    });
  }
  if (mine.duplicateRationaleRate !== null && mine.duplicateRationaleRate > t.duplicateShare) {
    flags.push({
      kind: "duplicate_rationale",
      question: `${pct(mine.duplicateRationaleRate)} of rationales closely repeat an earlier one. Are these items really alike?`,
      threshold: `more than ${pct(t.duplicateShare)} of rationales at similarity ≥ ${t.duplicateSimilarity}`,
    });
  }
  // A long streak is only remarkable against what the team's approval rate would produce by chance.
  const byChance = team?.approvalRate != null ? expectedLongestRun(mine.decisions, team.approvalRate) : null;
  if (mine.longestApprovalStreak >= t.streak && (byChance === null || mine.longestApprovalStreak >= 2 * byChance)) {
    flags.push({
      kind: "approval_streak",
      question: `Approved ${mine.longestApprovalStreak} items in a row${byChance ? ` (at the team's approval rate, about ${Math.round(byChance)} would be usual)` : ""}. Was there nothing to push back on?`,
      threshold: `an approval streak of ${t.streak} or more, and twice what the team's rate makes likely`,
    });
  }
  const spread = confidenceSpread(mine.approvalByConfidence);
  if (spread !== null && spread < t.flatSpread) {
    flags.push({
      kind: "flat_confidence",
      question: `Approves low- and high-confidence outputs at about the same rate (spread ${pct(spread)}). Does the AI's confidence change how closely an item is checked?`,
      threshold: `approval rates across confidence bands within ${pct(t.flatSpread)}`,
    });
  }
  if (mine.switchRate !== null && mine.judgementsAgainstAi >= 3 && mine.switchRate > t.switchRate) {
    flags.push({
      kind: "switch_to_ai",
      question: `After disagreeing with the AI in their own judgement, switched to the AI's answer ${pct(mine.switchRate)} of the time. What changed their mind once the output was shown?`,
      threshold: `switch-to-AI rate above ${pct(t.switchRate)}`,
    });
  }
  if (mine.dayDriftRatio !== null && mine.dayDriftRatio < t.dayDrift) {
    flags.push({
      kind: "day_drift",
      question: `Later in the working day, items get ${pct(1 - mine.dayDriftRatio)} less time than earlier. Fatigue, or an easier afternoon queue?`,
      threshold: `second-half active time below ${pct(t.dayDrift)} of the first half`,
    });
  }
  if (mine.attentionWrongShare !== null && mine.attentionChecks >= 2 && mine.attentionWrongShare > t.attentionWrongShare) {
    flags.push({
      kind: "attention_wrong",
      question: `Answered ${pct(mine.attentionWrongShare)} of attention checks wrongly. Is the AI output being read before approval?`,
      threshold: `more than ${pct(t.attentionWrongShare)} of attention checks wrong`,
    });
  }
  return flags;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** z-score of one value against the others (leave-one-out); null when peers do not vary. */
export function zScore(value: number, peers: number[]): number | null {
  if (peers.length < 2) return null;
  const mean = peers.reduce((a, b) => a + b, 0) / peers.length;
  const variance = peers.reduce((a, b) => a + (b - mean) ** 2, 0) / (peers.length - 1);
  const sd = Math.sqrt(variance);
  if (sd === 0) return value === mean ? 0 : null;
  return (value - mean) / sd;
}
