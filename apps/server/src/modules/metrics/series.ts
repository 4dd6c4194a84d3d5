import { breakEvenRate, costPerItem } from "@countersign/shared/cost-model";
import type { Deps } from "../../lib/context";
import { systemById } from "../systems/queries";
import { costFigures } from "./cost";
import { verificationRates } from "./rates";
import { resolveWindow, type WindowInput } from "./window";

/**
 * The dashboard's chart: the measured rate per bucket with its interval and cost per item,
 * beside the assumed rate and the break-even line. Each bucket's cost uses the review cost
 * measured over the whole window (median active time), so buckets differ only by their rate.
 */
export async function rateSeries(deps: Deps, input: WindowInput) {
  const system = await systemById(deps.db, input.systemId);
  const window = resolveWindow(deps.now(), input);
  const rates = await verificationRates(deps.db, system.id, input.granularity ?? "day", window);
  const businessCase = system.businessCase;
  const perReview = (await costFigures(deps.db, system, window))?.reviewCost.perItem ?? null;
  const inputs =
    businessCase && perReview !== null
      ? { aiCostPerItem: businessCase.aiCostPerItem, reviewCostPerItem: perReview, goldShare: businessCase.goldShare }
      : null;
  return {
    ...rates,
    buckets: rates.buckets.map((bucket) => ({
      ...bucket,
      costAtMeasuredRate: inputs && bucket.rate !== null ? costPerItem(inputs, bucket.rate) : null,
    })),
    businessCase: businessCase
      ? {
          currency: businessCase.currency,
          assumedRate: businessCase.assumedVerificationRate,
          tolerance: businessCase.tolerance,
          manualCostPerItem: businessCase.manualCostPerItem,
          costAtAssumedRate: inputs ? costPerItem(inputs, businessCase.assumedVerificationRate) : null,
          breakEvenRate: inputs ? breakEvenRate(inputs, businessCase.manualCostPerItem) : null,
        }
      : null,
  };
}
