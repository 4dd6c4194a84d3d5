import { approvalRate, goldCatchRate } from "@countersign/shared/figures";
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
  /** figures.approvalRate, the same definition as the reviewers' and the team's approval rate. */
  approvalRate: number | null;
  meanActiveSeconds: number | null;
  goldCatchRate: number | null;
  /** The counts behind the gold catch rate: a day rarely holds more than one or two gold items. */
  goldDecided: number;
  goldCaught: number;
};

type TrendCounts = { day: string; decisions: number; approved: number; overridden: number; meanActiveSeconds: number | null; goldDecided: number; goldCaught: number };

/** The lead's dashboard: each reviewer beside the team, flags, trends, queue health, effective rate. */
export function leadDashboard(deps: Deps, window: IndicatorWindow) {
  const scope = scopeOf(deps.db, window);
  const { team, reviewers } = reviewerFigures(deps.db, scope);
  const names = userNames(deps.db, [...reviewers.keys()]);
  const trend = deps.db.$client
    .prepare(
      `WITH ${scopedVerifications}
       SELECT date(decided_at / 1000, 'unixepoch') AS day, count(*) AS decisions,
              sum(outcome = 'approved') AS approved, sum(outcome IN ('modified', 'rejected')) AS overridden,
              avg(active_seconds) AS meanActiveSeconds,
              count(gold_caught) AS goldDecided, coalesce(sum(gold_caught = 1), 0) AS goldCaught
         FROM scoped GROUP BY day ORDER BY day`,
    )
    .all(params(scope)) as TrendCounts[];
  return {
    window: { from: scope.from, to: scope.to, system: window.system ?? null },
    thresholds: scope.thresholds,
    team,
    reviewers: [...reviewers.entries()]
      .map(([id, figures]) => ({ id, name: names.get(id) ?? id, figures, flags: reviewerFlags(figures, scope.thresholds, team) }))
      .sort((a, b) => b.flags.length - a.flags.length || b.figures.decisions - a.figures.decisions),
    trend: trend.map(
      (d): TrendDay => ({
        day: d.day,
        decisions: d.decisions,
        approvalRate: approvalRate(d),
        meanActiveSeconds: d.meanActiveSeconds,
        goldCatchRate: goldCatchRate({ decided: d.goldDecided, caught: d.goldCaught }),
        goldDecided: d.goldDecided,
        goldCaught: d.goldCaught,
      }),
    ),
    queueHealth: queueHealth(deps.db, deps.now(), scope.from, scope.systemId),
    effectiveRates: effectiveRates(deps.db, scope),
  };
}
