import { reviewerFlags, type IndicatorWindow } from "@countersign/shared/indicators";
import type { Deps } from "../../lib/context";
import { userNames } from "../users/queries";
import { effectiveRates } from "./effective-rate";
import { reviewerFigures } from "./figures";
import { queueHealth } from "./queue-health";
import { params, scopedVerifications, scopeOf } from "./window";

export type TrendDay = {
  day: string;
  decisions: number;
  approvalRate: number | null;
  meanActiveSeconds: number | null;
  goldCatchRate: number | null;
};

/** The lead's dashboard: each reviewer beside the team, flags, trends, queue health, effective rate. */
export function leadDashboard(deps: Deps, window: IndicatorWindow) {
  const scope = scopeOf(deps.db, window);
  const { team, reviewers } = reviewerFigures(deps.db, scope);
  const names = userNames(deps.db, [...reviewers.keys()]);
  const trend = deps.db.$client
    .prepare(
      `WITH ${scopedVerifications}
       SELECT date(decided_at / 1000, 'unixepoch') AS day, count(*) AS decisions,
              avg(outcome = 'approved') AS approvalRate, avg(active_seconds) AS meanActiveSeconds,
              avg(CASE WHEN gold_caught IS NOT NULL THEN gold_caught END) AS goldCatchRate
         FROM scoped GROUP BY day ORDER BY day`,
    )
    .all(params(scope)) as TrendDay[];
  return {
    window: { from: scope.from, to: scope.to, system: window.system ?? null },
    thresholds: scope.thresholds,
    team,
    reviewers: [...reviewers.entries()]
      .map(([id, figures]) => ({ id, name: names.get(id) ?? id, figures, flags: reviewerFlags(figures, scope.thresholds, team) }))
      .sort((a, b) => b.flags.length - a.flags.length || b.figures.decisions - a.figures.decisions),
    trend,
    queueHealth: queueHealth(deps.db, deps.now(), scope.from, scope.systemId),
    effectiveRates: effectiveRates(deps.db, scope),
  };
}
