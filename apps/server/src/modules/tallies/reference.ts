import { indicatorThresholdsSchema, type IndicatorWindow } from "@countersign/shared/indicators";
import type { Deps } from "../../lib/context";
import { trendDay, type TrendCounts } from "../indicators/dashboard";
import { reviewerFiguresFromRows } from "../indicators/figures";
import { scopeOf } from "../indicators/window";

/**
 * The lead dashboard's figures computed the slow way, from every verification in the window —
 * what the dashboard computed before it read tallies. Tests hold the tallied dashboard to it.
 */
export function dashboardFromRows(deps: Deps, window: IndicatorWindow) {
  const scope = scopeOf(deps.db, window);
  const { team, reviewers } = reviewerFiguresFromRows(deps.db, scope);
  const where = "v.decided_at >= :from AND v.decided_at < :to AND (:systemId IS NULL OR v.system_id = :systemId)";
  const trend = deps.db.$client
    .prepare(
      `SELECT date(decided_at / 1000, 'unixepoch') AS day, count(*) AS decisions,
              sum(outcome = 'approved') AS approved, sum(outcome IN ('modified', 'rejected')) AS overridden,
              sum(active_seconds) AS activeSeconds, count(gold_caught) AS goldDecided, coalesce(sum(gold_caught = 1), 0) AS goldCaught
         FROM verifications v WHERE ${where} GROUP BY day ORDER BY day`,
    )
    .all({ from: scope.from, to: scope.to, systemId: scope.systemId }) as TrendCounts[];
  const gold = deps.db.$client
    .prepare(
      `SELECT s.slug AS system, (SELECT count(*) FROM verifications v WHERE v.system_id = s.id AND v.gold_caught IS NOT NULL AND ${where}) AS goldDecisions,
              (SELECT count(*) FROM verifications v WHERE v.system_id = s.id AND v.gold_caught = 1 AND ${where}) AS goldCaught
         FROM ai_systems s WHERE (:systemId IS NULL OR s.id = :systemId) ORDER BY s.name`,
    )
    .all({ from: scope.from, to: scope.to, systemId: scope.systemId }) as { system: string; goldDecisions: number; goldCaught: number }[];
  return { team, reviewers: Object.fromEntries(reviewers), trend: trend.map(trendDay), gold, thresholds: indicatorThresholdsSchema.parse(window.thresholds ?? {}) };
}
