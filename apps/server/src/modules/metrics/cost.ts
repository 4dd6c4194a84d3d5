import { breakEvenRate, costPerItem, reviewCostPerItem, type BusinessCase } from "@countersign/shared/cost-model";
import { withinTolerance } from "@countersign/shared/figures";
import type { Db } from "../../db/client";
import { periodsStartingIn, rateOver } from "./reported-periods";
import { medianActiveSeconds } from "./review-time";
import type { Deps } from "../../lib/context";
import { defaultThresholds } from "@countersign/shared/indicators";
import { effectiveRates } from "../indicators/effective-rate";
import { reviewPolicySchema } from "@countersign/shared/policy";
import { systemById } from "../systems/queries";
import { isoWindow, resolveWindow, type Window, type WindowInput } from "./window";

/**
 * The business case held against production for one window: cost per item at the assumed
 * and at the measured verification rate, against the manual cost, and the break-even rate.
 * With an hourly reviewer rate, the review cost comes from the median measured active time.
 */
export async function costFigures(db: Db, system: { id: string; businessCase: BusinessCase | null; policy: unknown }, window: Window) {
  const { id: systemId, businessCase } = system;
  if (!businessCase) return null;
  // Under the two-person rule every escalation is reviewed N times, and each review is paid for.
  const verificationsPerEscalation = reviewPolicySchema.parse(system.policy).requiredVerifications;
  const { total, received, rate } = await rateOver(db, periodsStartingIn(systemId, window.from, window.to));
  const { rate: measuredRate, interval } = rate;
  const activeTime = await medianActiveSeconds(db, systemId, window);
  const perSingleReview = reviewCostPerItem(businessCase.reviewCost, activeTime.median);
  const perReview = perSingleReview === null ? null : perSingleReview * verificationsPerEscalation;
  const inputs = perReview === null ? null : { aiCostPerItem: businessCase.aiCostPerItem, reviewCostPerItem: perReview, goldShare: businessCase.goldShare };
  const at = (rate: number | null) => (inputs === null || rate === null ? null : costPerItem(inputs, rate));
  const costAtMeasuredRate = at(measuredRate);
  return {
    systemId,
    window: isoWindow(window),
    currency: businessCase.currency,
    manualCostPerItem: businessCase.manualCostPerItem,
    aiCostPerItem: businessCase.aiCostPerItem,
    goldShare: businessCase.goldShare,
    reviewCost: {
      basis: businessCase.reviewCost.kind,
      hourlyRate: businessCase.reviewCost.kind === "per_hour" ? businessCase.reviewCost.hourlyRate : null,
      /** Median active seconds per decision on this system's escalations in the window. */
      medianActiveSeconds: activeTime.median,
      decisions: activeTime.decisions,
      verificationsPerEscalation,
      /** What reviewing one escalation costs (all its verifications); null with an hourly rate and no decision yet to measure. */
      perItem: perReview,
    },
    assumedRate: businessCase.assumedVerificationRate,
    tolerance: businessCase.tolerance,
    total,
    received,
    measuredRate,
    interval,
    /** More escalations received than outputs reported: a layer conflict, and no measured rate. */
    exceedsReported: rate.exceedsReported,
    /** The measured rate within assumed ± tolerance; null without a measured rate. */
    withinTolerance: measuredRate === null ? null : withinTolerance(measuredRate, businessCase.assumedVerificationRate, businessCase.tolerance),
    /** The verification rate as one figure (figures.verificationRate), for checks that need all of it. */
    verificationRate: rate,
    costAtAssumedRate: at(businessCase.assumedVerificationRate),
    costAtMeasuredRate,
    /** The cost at the interval's bounds: how sure the measured cost is. */
    costRange: interval === null || inputs === null ? null : { low: at(interval.low)!, high: at(interval.high)! },
    /** The verification rate above which an item costs more than by hand; above 1, no rate does. */
    breakEvenRate: inputs === null ? null : breakEvenRate(inputs, businessCase.manualCostPerItem),
    /** Manual cost − cost at the measured rate: negative means the AI system loses money per item. */
    savingPerItem: costAtMeasuredRate === null ? null : businessCase.manualCostPerItem - costAtMeasuredRate,
  };
}

/**
 * Cost figures for one system and window, with the effective verification rate (reviewed share
 * × gold catch rate) beside them; null when the system has no business case yet.
 */
export async function businessCaseFigures(deps: Deps, input: WindowInput) {
  const system = await systemById(deps.db, input.systemId);
  const window = resolveWindow(deps.now(), input);
  const figures = await costFigures(deps.db, system, window);
  if (!figures) return null;
  const [effective] = await effectiveRates(deps.db, { ...window, systemId: system.id, thresholds: defaultThresholds });
  return { ...figures, effective: effective ?? null };
}
