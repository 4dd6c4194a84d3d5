import { defaultThresholds, indicatorThresholdsSchema, type IndicatorThresholds } from "@countersign/shared/indicators";

type ThresholdKey = keyof IndicatorThresholds;

/** What each threshold means, in the words of the flag it sets off. */
export const thresholdLabels: Record<ThresholdKey, string> = {
  minDecisions: "Flag only after this many decisions",
  fastRatio: "Fast: median active time below this share of peers'",
  nearFloorShare: "Near floor: share of decisions above",
  approvalZ: "Approval rate: z-score above",
  goldCatchMin: "Gold items: catch rate below",
  evidenceOpenMin: "Evidence: opened on fewer than this share",
  duplicateSimilarity: "Repeated rationale: similarity of at least",
  duplicateShare: "Repeated rationale: share above",
  streak: "Approval streak of at least",
  flatSpread: "Flat confidence: approval rates within",
  switchRate: "Switch to AI: rate above",
  dayDrift: "Day drift: later active time below this share of earlier",
  attentionWrongShare: "Attention checks: wrong share above",
};

export type ThresholdRule = { min: number; max: number; whole: boolean; defaultValue: number };

export function thresholdRule(key: ThresholdKey): ThresholdRule {
  const number = indicatorThresholdsSchema.shape[key].unwrap();
  return { min: number.minValue ?? 0, max: number.maxValue ?? Number.MAX_SAFE_INTEGER, whole: number.isInt, defaultValue: defaultThresholds[key] };
}

/** Checks one typed value against the server's rule; the message names the rule. Empty means "the default". */
export function thresholdIssue(key: ThresholdKey, text: string): string | undefined {
  if (text.trim() === "") return undefined;
  const value = Number(text);
  const rule = thresholdRule(key);
  if (Number.isNaN(value)) return "must be a number";
  if (rule.whole && !Number.isInteger(value)) return `must be a whole number from ${rule.min} to ${rule.max}`;
  if (value < rule.min || value > rule.max) return `must be from ${rule.min} to ${rule.max}`;
  const parsed = indicatorThresholdsSchema.shape[key].safeParse(value);
  return parsed.success ? undefined : (parsed.error.issues[0]?.message ?? "is not accepted");
}
