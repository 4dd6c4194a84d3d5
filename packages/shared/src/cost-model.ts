import { z } from "zod";
import { wellFormedText } from "./exact";

const money = (field: string) =>
  z
    .number({ error: `${field} must be a number` })
    .min(0, `${field} must not be negative`)
    .max(1_000_000, `${field} must be at most 1000000`);
const share = (field: string) =>
  z.number({ error: `${field} must be a number` }).min(0, `${field} must be between 0 and 1`).max(1, `${field} must be between 0 and 1`);

/** How a review is costed: a fixed amount per item, or a reviewer's hourly rate × measured active time. */
export const reviewCostSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("per_item"), amount: money("review cost per item") }),
  z.strictObject({ kind: z.literal("per_hour"), hourlyRate: money("reviewer cost per hour") }),
]);
export type ReviewCost = z.infer<typeof reviewCostSchema>;

/** The business case an AI system was approved on; the measured figures are held against it. */
export const businessCaseSchema = z.strictObject({
  currency: wellFormedText("currency").regex(/^[A-Z]{3}$/, "currency must be a three-letter ISO 4217 code, e.g. EUR"),
  manualCostPerItem: money("manual cost per item"),
  aiCostPerItem: money("AI cost per item"),
  reviewCost: reviewCostSchema,
  assumedVerificationRate: share("assumed verification rate"),
  tolerance: share("tolerance").default(0.05),
  goldShare: z.number().min(0, "gold share must be between 0 and 0.5").max(0.5, "gold share must be between 0 and 0.5").default(0),
  driftWindowHours: z.number().int().min(1, "drift window must be at least 1 hour").max(24 * 31).default(24),
  driftMinSample: z.number().int().min(1, "minimum sample must be at least 1").max(10_000_000).default(100),
});
export type BusinessCase = z.infer<typeof businessCaseSchema>;

export type CostInputs = { aiCostPerItem: number; reviewCostPerItem: number; goldShare?: number };

/**
 * Cost per item = AI cost + verification rate × review cost. Gold items are reviews with no
 * production item behind them: a gold share g makes every real review cost 1 / (1 − g) reviews.
 */
export function costPerItem(inputs: CostInputs, verificationRate: number): number {
  const goldFactor = 1 / (1 - (inputs.goldShare ?? 0));
  return inputs.aiCostPerItem + verificationRate * inputs.reviewCostPerItem * goldFactor;
}

/** The verification rate above which the AI system costs more than doing the work by hand. */
export function breakEvenRate(inputs: CostInputs, manualCostPerItem: number): number | null {
  const perReview = inputs.reviewCostPerItem / (1 - (inputs.goldShare ?? 0));
  if (perReview <= 0) return null;
  return (manualCostPerItem - inputs.aiCostPerItem) / perReview;
}

/** Review cost per item: the fixed amount, or the hourly rate × the measured median active time. */
export function reviewCostPerItem(reviewCost: ReviewCost, measuredActiveSeconds: number | null): number | null {
  if (reviewCost.kind === "per_item") return reviewCost.amount;
  if (measuredActiveSeconds === null) return null;
  return (reviewCost.hourlyRate * measuredActiveSeconds) / 3600;
}

/** Wilson score interval for a proportion (95% by default): honest at small samples and near 0 or 1. */
export function wilsonInterval(successes: number, trials: number, z = 1.959964): { low: number; high: number } | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
