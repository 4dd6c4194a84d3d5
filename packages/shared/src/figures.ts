import { UTCDate } from "@date-fns/utc";
import { format, startOfISOWeek } from "date-fns";
import { wilsonInterval } from "./cost-model";

/*
 * One definition per figure Countersign shows. Every surface — the lead's dashboard, the system
 * pages, readiness, the proof pack — turns counts into figures with these functions, so a figure
 * cannot mean two things. Where a figure is aggregated at scale, SQL computes the counts and one
 * of these functions computes the figure from them.
 */

/** part ÷ whole, or null without a sample. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export type Interval = { low: number; high: number };

export type VerificationRate = {
  /** Escalations received (gold copies never count) within the reported periods. */
  received: number;
  /** AI outputs the system reported for those periods. */
  reported: number;
  /** received ÷ reported; null when nothing was reported, or when received exceeds reported. */
  rate: number | null;
  /** Wilson 95% interval of the rate; null whenever the rate is. */
  interval: Interval | null;
  /**
   * More escalations arrived than the AI system says it produced: the volume report and the
   * gateway contradict each other. That is a layer conflict, never a rate above 100%.
   */
  exceedsReported: boolean;
};

/**
 * The verification rate: the share of the AI system's outputs that a human was asked to verify —
 * escalations received ÷ outputs reported, both counted over the same reported periods.
 */
export function verificationRate(counts: { received: number; reported: number }): VerificationRate {
  const { received, reported } = counts;
  const exceedsReported = received > reported;
  const rate = exceedsReported ? null : share(received, reported);
  return { received, reported, rate, interval: rate === null ? null : wilsonInterval(received, reported), exceedsReported };
}

/** The sentence for a verification rate that would be above 100%. */
export function exceedsReportedMessage(counts: { received: number; reported: number }): string {
  return (
    `Countersign received ${counts.received} escalations, but the AI system reported ${counts.reported} outputs for the same periods. ` +
    `A verification rate cannot be above 100%: either the volume report undercounts, or the gateway escalates ` +
    `outputs it did not report.`
  );
}

// Rates are ratios of integers: compare with a little slack so 15/100 is not "above 0.1 + 0.05".
const epsilon = 1e-9;

/** Whether a measured verification rate lies within the business case's assumed rate ± tolerance. */
export function withinTolerance(measuredRate: number, assumedRate: number, tolerance: number): boolean {
  return Math.abs(measuredRate - assumedRate) <= tolerance + epsilon;
}

export type BusinessCaseCheck = {
  /** null when it cannot be told yet (no volume, no review cost, or a volume conflict). */
  holds: boolean | null;
  /** Why it does not hold, or why it cannot be told; empty when it holds. */
  reasons: string[];
};

/**
 * Whether the business case holds in production: the measured rate within assumed ± tolerance,
 * the cost at that rate not above the manual cost, and no drift alert open — an open alert is
 * the system's own statement that the case does not hold, whatever a longer window averages to.
 */
export function businessCaseHolds(f: {
  rate: VerificationRate;
  assumedRate: number;
  tolerance: number;
  costAtMeasuredRate: number | null;
  manualCostPerItem: number;
  openDriftAlertSince: string | null;
}): BusinessCaseCheck {
  const reasons: string[] = [];
  if (f.openDriftAlertSince !== null) reasons.push(`a drift alert is open since ${f.openDriftAlertSince}`);
  const measured = f.rate.rate;
  if (measured !== null && !withinTolerance(measured, f.assumedRate, f.tolerance)) {
    reasons.push("the measured verification rate is outside the assumed rate ± tolerance");
  }
  if (f.costAtMeasuredRate !== null && f.costAtMeasuredRate > f.manualCostPerItem) {
    reasons.push("an item costs more at the measured rate than by hand");
  }
  if (reasons.length > 0) return { holds: false, reasons };
  if (f.rate.exceedsReported) {
    return { holds: null, reasons: [`received ${f.rate.received} escalations, but the AI system reported ${f.rate.reported} outputs (a layer conflict)`] };
  }
  if (measured === null) return { holds: null, reasons: ["no volume reported in the window"] };
  if (f.costAtMeasuredRate === null) return { holds: null, reasons: ["no review cost measured yet"] };
  return { holds: true, reasons: [] };
}

/**
 * How a reopened decision counts (EU AI Act Art. 14(4)(d)). Reopening keeps the earlier round's
 * verifications (and resolution) in the record, marked superseded; it never deletes or rewrites them.
 * - Decision figures — what the AI system was finally told: decisions by outcome, approval and
 *   override rates by escalation reason or model, decided and reviewed counts — count each
 *   escalation's round in force only (`superseded_at IS NULL`). A superseded decision and the one
 *   that replaced it are never both counted; a reopened escalation not yet decided again counts as
 *   undecided.
 * - Reviewer figures — what each person did: the rubber-stamp indicators, the per-reviewer tables,
 *   time on task, review cost per review — count every verification recorded, superseded or not.
 *   Each is one act of one reviewer (no reviewer verifies an escalation twice), and a decision that
 *   had to be reversed is exactly what these indicators must keep seeing; removing it would hide it.
 * So nothing is "untallied" when a decision is reopened; its reopening is counted on its own
 * (`reopened` in the proof pack's decisions). This is the condition decision figures add on a
 * verification or resolution (table alias `alias`).
 */
export function decisionInForceSql(alias: string): string {
  return `${alias}.superseded_at IS NULL`;
}

/**
 * Decisions by outcome, as the approval figures read them: approved, or overridden (modified or
 * rejected). Escalated-further decisions took no position on the AI output and count in neither.
 */
export type OutcomeCounts = { approved: number; overridden: number };

/** Approval rate: approved ÷ (approved + modified + rejected); escalated further is left out. */
export function approvalRate(counts: OutcomeCounts): number | null {
  return share(counts.approved, counts.approved + counts.overridden);
}

/** Override rate: (modified + rejected) ÷ (approved + modified + rejected) — 1 − the approval rate. */
export function overrideRate(counts: OutcomeCounts): number | null {
  return share(counts.overridden, counts.approved + counts.overridden);
}

/**
 * Agreement with the AI: under judgement first, the share of the reviewer's own verdicts —
 * recorded before the AI output was shown — that agreed with the AI's proposal ("approve").
 * It measures independent agreement, which the approval rate cannot: the gap between the two
 * is how often seeing the AI output changed the answer. Null without judgement-first verdicts.
 */
export function agreementWithAi(counts: { verdicts: number; agreeing: number }): number | null {
  return share(counts.agreeing, counts.verdicts);
}

/** Gold catch rate: gold copies decided with the known correct outcome ÷ gold copies decided. */
export function goldCatchRate(counts: { decided: number; caught: number }): number | null {
  return share(counts.caught, counts.decided);
}

export type GoldWeek = { weekStart: string; decided: number; caught: number; rate: number | null };

/**
 * Gold decisions by ISO week (Monday, UTC) from per-day counts. A day holds one or two gold items at
 * most, so a daily catch rate jumps between 0% and 100%; a week's counts say what was measured.
 */
export function goldCatchByWeek(days: ReadonlyArray<{ day: string; goldDecided: number; goldCaught: number }>): GoldWeek[] {
  const weeks = new Map<string, { decided: number; caught: number }>();
  for (const d of days) {
    if (d.goldDecided === 0) continue;
    const weekStart = format(startOfISOWeek(new UTCDate(`${d.day}T00:00:00Z`)), "yyyy-MM-dd");
    const week = weeks.get(weekStart) ?? { decided: 0, caught: 0 };
    week.decided += d.goldDecided;
    week.caught += d.goldCaught;
    weeks.set(weekStart, week);
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([weekStart, counts]) => ({ weekStart, ...counts, rate: goldCatchRate(counts) }));
}

export type EffectiveVerificationRate = {
  reviewedShare: number | null;
  goldCatchRate: number | null;
  rate: number | null;
  interval: Interval | null;
};

/**
 * Effective verification rate: the share of received escalations that were decided × the gold
 * catch rate — how much of the oversight actually catches errors. The interval carries the gold
 * sample's uncertainty (the Wilson interval of the catch rate, scaled by the reviewed share).
 */
export function effectiveVerificationRate(counts: { received: number; decided: number; goldDecided: number; goldCaught: number }): EffectiveVerificationRate {
  const reviewedShare = share(counts.decided, counts.received);
  const catchRate = goldCatchRate({ decided: counts.goldDecided, caught: counts.goldCaught });
  const gold = wilsonInterval(counts.goldCaught, counts.goldDecided);
  return {
    reviewedShare,
    goldCatchRate: catchRate,
    rate: reviewedShare !== null && catchRate !== null ? reviewedShare * catchRate : null,
    interval: reviewedShare !== null && gold ? { low: reviewedShare * gold.low, high: reviewedShare * gold.high } : null,
  };
}

/**
 * Which observed value a quantile of active time is: the k-th smallest of n, k = ⌊q·(n − 1)⌋ + 1.
 * The median of an even count is the lower middle value — a time someone actually spent, never an
 * average of two. The dashboard, the system page's review cost and the proof pack all pick by it.
 */
export function quantileRank(q: number, n: number): number | null {
  return n > 0 ? Math.floor(q * (n - 1)) + 1 : null;
}

/** Upper bounds of the AI-confidence bands; the last band is everything at or above the last bound. */
export const confidenceBandBounds = [0.5, 0.7, 0.85] as const;
export const confidenceBands = ["< 0.50", "0.50–0.69", "0.70–0.84", "≥ 0.85"] as const;

/** The index into confidenceBands of one confidence. */
export function confidenceBandOf(confidence: number): number {
  // A plain loop: the dashboard calls this once per verification in its window.
  let index = 0;
  while (index < confidenceBandBounds.length && confidence >= confidenceBandBounds[index]!) index++;
  return index;
}

/** The same bands as an SQL expression over a confidence column, for aggregates in SQLite. */
export function confidenceBandSql(column: string): string {
  return `CASE ${confidenceBandBounds.map((bound, index) => `WHEN ${column} < ${bound} THEN ${index}`).join(" ")} ELSE ${confidenceBandBounds.length} END`;
}

export type OpenItems = {
  /** Everything a reviewer can find in the queue now: queued or in review, not in a dispute. */
  inQueue: number;
  /** Of those, escalations the AI systems sent. */
  escalations: number;
  /** Of those, gold copies Countersign mixed in (reviewers cannot tell them apart). */
  goldCopies: number;
  /** Two-person disagreements waiting for a lead, outside the reviewers' queue. */
  awaitingLead: number;
  /** What the count counts, in words. */
  label: string;
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Open items, as a lead reads them: what waits in the reviewers' queue — the count the queue
 * itself shows — split into the AI systems' escalations and gold copies, with disputes waiting
 * for a lead counted apart because no reviewer can take them.
 */
export function openItems(counts: { escalations: number; goldCopies: number; awaitingLead: number }): OpenItems {
  const inQueue = counts.escalations + counts.goldCopies;
  const parts = [plural(counts.escalations, "escalation", "escalations"), plural(counts.goldCopies, "gold copy", "gold copies")];
  const lead = counts.awaitingLead > 0 ? `; ${plural(counts.awaitingLead, "dispute", "disputes")} waiting for a lead` : "";
  return { inQueue, ...counts, label: `${plural(inQueue, "item", "items")} in the queue (${parts.join(", ")})${lead}` };
}
