import { approvalRate, overrideRate as overrideRateOf } from "@countersign/shared/figures";
import { formatMoney, formatPercent } from "@countersign/shared/format";
import type { Db } from "../../db/client";
import type { Deps } from "../../lib/context";
import { systemById } from "../systems/queries";
import { escalationsInWindow, type EscalationCounts } from "../tallies/escalation-read";
import { costFigures } from "./cost";
import { isoWindow, resolveWindow, type Window, type WindowInput } from "./window";

export type BreakdownEntry = {
  key: string;
  escalations: number;
  /** Share of all escalations received in the window. */
  share: number;
  decisions: number;
  approved: number;
  /** Decisions that modified or rejected the AI output. */
  overridden: number;
  escalatedFurther: number;
  /** figures.overrideRate: overridden ÷ (approved + overridden); null before any such decision. */
  overrideRate: number | null;
  /** Escalations × review cost per item, when the business case prices reviews. */
  reviewCost: number | null;
  /** A sentence for the lead when the figures suggest the trigger is not worth its cost. */
  finding: string | null;
};

type Grouping = "reason" | "model";

// With this many decisions and this few overrides, a trigger mostly buys approvals.
const minDecisionsForFinding = 20;
const lowOverrideRate = 0.05;

/**
 * Escalations received in the window (gold items left out) by escalation reason or by model version, with how
 * reviewers decided on them: approve, or override (modify / reject). A reason whose items
 * are nearly always approved costs reviews and catches little.
 */
function breakdown(received: EscalationCounts[], by: Grouping, cost: { perReview: number | null; currency: string | null }) {
  const groups = new Map<string, { key: string; escalations: number; decisions: number; approved: number; overridden: number; escalated_further: number }>();
  for (const counts of received) {
    const key = by === "reason" ? counts.reasonCode : counts.model;
    const row = groups.get(key) ?? { key, escalations: 0, decisions: 0, approved: 0, overridden: 0, escalated_further: 0 };
    row.escalations += counts.escalations;
    row.decisions += counts.decisions;
    row.approved += counts.approved;
    row.overridden += counts.overridden;
    row.escalated_further += counts.escalatedFurther;
    groups.set(key, row);
  }
  const rows = [...groups.values()].sort((a, b) => b.escalations - a.escalations || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const all = rows.reduce((sum, row) => sum + row.escalations, 0);
  return rows.map((row): BreakdownEntry => {
    const judged = row.approved + row.overridden;
    const overrideRate = overrideRateOf(row);
    const approved = approvalRate(row);
    const reviewCost = cost.perReview === null ? null : row.escalations * cost.perReview;
    const finding =
      by === "reason" && overrideRate !== null && approved !== null && judged >= minDecisionsForFinding && overrideRate <= lowOverrideRate
        ? `Reviewers approved ${formatPercent(approved)} of the ${judged} "${row.key}" escalations they decided` +
          (reviewCost === null ? "" : `, at a review cost of ${formatMoney(reviewCost, cost.currency)}`) +
          `: this trigger rarely catches a wrong output. Is it worth its cost?`
        : null;
    return {
      key: row.key,
      escalations: row.escalations,
      share: all > 0 ? row.escalations / all : 0,
      decisions: row.decisions,
      approved: row.approved,
      overridden: row.overridden,
      escalatedFurther: row.escalated_further,
      overrideRate,
      reviewCost,
      finding,
    };
  });
}

/**
 * Escalations received in the window (gold items left out) by escalation reason and by model version,
 * from the daily tallies (escalation_tallies; the window's partial days from the rows).
 */
export async function breakdowns(db: Db, systemId: string, window: Window, cost: { perReview: number | null; currency: string | null }) {
  const received = await escalationsInWindow(db, { ...window, systemId });
  return {
    systemId,
    window: isoWindow(window),
    byReason: breakdown(received, "reason", cost),
    byModel: breakdown(received, "model", cost),
  };
}

/** Breakdowns for one system and window, review cost priced from its business case. */
export async function escalationBreakdowns(deps: Deps, input: WindowInput) {
  const system = await systemById(deps.db, input.systemId);
  const window = resolveWindow(deps.now(), input);
  const perReview = (await costFigures(deps.db, system, window))?.reviewCost.perItem ?? null;
  return breakdowns(deps.db, system.id, window, { perReview, currency: system.businessCase?.currency ?? null });
}
