import type { OversightMode } from "./enums";
import { formatMoney, formatPercent } from "./format";
import { exceedsReportedMessage, type VerificationRate } from "./figures";

/** Where two layers of the operating model contradict each other, in words for a meeting. */
export type LayerConflict = {
  code: "hitl_assumes_sampling" | "hic_receives_escalations" | "cost_above_manual" | "received_exceeds_reported";
  message: string;
};

export type LayerFigures = {
  oversightMode: OversightMode;
  /** From the business case; null when there is none. */
  assumedRate: number | null;
  /** Escalations received in the window, whether or not volume was reported for them. */
  escalationsReceived: number;
  /** The verification rate over the reported periods (figures.verificationRate); null when not known. */
  volume: VerificationRate | null;
  measuredRate: number | null;
  costAtMeasuredRate: number | null;
  manualCostPerItem: number | null;
  currency: string | null;
};


/**
 * The layer conflicts the reference warns about: the oversight mode (process), the business
 * case (strategy) and what production shows (architecture) each saying something else.
 */
export function layerConflicts(figures: LayerFigures): LayerConflict[] {
  const conflicts: LayerConflict[] = [];
  if (figures.oversightMode === "HITL" && figures.assumedRate !== null && figures.assumedRate < 1) {
    conflicts.push({
      code: "hitl_assumes_sampling",
      message:
        `This system runs human-in-the-loop, so every output is reviewed, but its business case assumes only ` +
        `${formatPercent(figures.assumedRate)} are. Either the oversight mode or the business case is wrong: ` +
        `under HITL the verification rate is 100% by design.`,
    });
  }
  if (figures.oversightMode === "HIC" && figures.escalationsReceived > 0) {
    const count = figures.escalationsReceived;
    conflicts.push({
      code: "hic_receives_escalations",
      message:
        `This system is in human-in-command mode, where nobody reviews single outputs, yet Countersign received ` +
        `${count} escalation${count === 1 ? "" : "s"} from it. Someone is expected to review them: ` +
        `either the mode should be HOTL, or the gateway should stop escalating.`,
    });
  }
  if (figures.volume?.exceedsReported) {
    conflicts.push({ code: "received_exceeds_reported", message: exceedsReportedMessage(figures.volume) });
  }
  if (
    figures.costAtMeasuredRate !== null &&
    figures.manualCostPerItem !== null &&
    figures.measuredRate !== null &&
    figures.costAtMeasuredRate > figures.manualCostPerItem
  ) {
    conflicts.push({
      code: "cost_above_manual",
      message:
        `At the measured verification rate of ${formatPercent(figures.measuredRate)}, an item costs ` +
        `${formatMoney(figures.costAtMeasuredRate, figures.currency)}, more than the ${formatMoney(figures.manualCostPerItem, figures.currency)} ` +
        `it costs to do by hand. As it runs today, the AI system loses money on every item.`,
    });
  }
  return conflicts;
}
