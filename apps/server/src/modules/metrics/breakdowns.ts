import { sql } from "drizzle-orm";
import { approvalRate, decisionInForceSql, overrideRate as overrideRateOf } from "@countersign/shared/figures";
import { formatMoney, formatPercent } from "@countersign/shared/format";
import type { Db } from "../../db/client";
import type { Deps } from "../../lib/context";
import { systemById } from "../systems/queries";
import { costFigures } from "./cost";
import { isoWindow, resolveWindow, type Window, type WindowInput } from "./window";

type BreakdownRow = { key: string; escalations: number; decisions: number; approved: number; overridden: number; escalated_further: number };

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

const groupColumn = { reason: "e.reason_code", model: "e.model" } as const;

// With this many decisions and this few overrides, a trigger mostly buys approvals.
const minDecisionsForFinding = 20;
const lowOverrideRate = 0.05;

/**
 * Escalations received in the window (gold items left out) by escalation reason or by model version, with how
 * reviewers decided on them: approve, or override (modify / reject). A reason whose items
 * are nearly always approved costs reviews and catches little.
 */
export function breakdown(db: Db, systemId: string, by: keyof typeof groupColumn, window: Window, cost: { perReview: number | null; currency: string | null }) {
  const rows = db.all<BreakdownRow>(sql`SELECT ${sql.raw(groupColumn[by])} AS key,
      count(DISTINCT e.id) AS escalations,
      count(v.id) AS decisions,
      coalesce(sum(v.outcome = 'approved'), 0) AS approved,
      coalesce(sum(v.outcome IN ('modified', 'rejected')), 0) AS overridden,
      coalesce(sum(v.outcome = 'escalated'), 0) AS escalated_further
    FROM escalations e LEFT JOIN verifications v ON v.escalation_id = e.id AND ${sql.raw(decisionInForceSql("v"))}
    WHERE e.system_id = ${systemId} AND e.received_at >= ${window.from} AND e.received_at < ${window.to}
      AND e.gold_item_id IS NULL
    GROUP BY key ORDER BY escalations DESC, key`);
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

export function breakdowns(db: Db, systemId: string, window: Window, cost: { perReview: number | null; currency: string | null }) {
  return {
    systemId,
    window: isoWindow(window),
    byReason: breakdown(db, systemId, "reason", window, cost),
    byModel: breakdown(db, systemId, "model", window, cost),
  };
}

/** Breakdowns for one system and window, review cost priced from its business case. */
export function escalationBreakdowns(deps: Deps, input: WindowInput) {
  const system = systemById(deps.db, input.systemId);
  const window = resolveWindow(deps.now(), input);
  const perReview = costFigures(deps.db, system, window)?.reviewCost.perItem ?? null;
  return breakdowns(deps.db, system.id, window, { perReview, currency: system.businessCase?.currency ?? null });
}
