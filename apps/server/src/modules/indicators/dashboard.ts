import { approvalRate, goldCatchRate, share } from "@countersign/shared/figures";
import { reviewerFlags, type IndicatorWindow } from "@countersign/shared/indicators";
import type { Deps } from "../../lib/context";
import { userNames } from "../users/queries";
import { effectiveRates } from "./effective-rate";
import { UTCDate } from "@date-fns/utc";
import { format } from "date-fns";
import { talliesInWindow } from "../tallies/read";
import type { DayTally } from "../tallies/day-tally";
import { figuresFromDays } from "./figures";
import { queueHealth } from "./queue-health";
import { scopeOf } from "./window";

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

export type TrendCounts = { day: string; decisions: number; approved: number; overridden: number; activeSeconds: number; goldDecided: number; goldCaught: number };

/** The lead's dashboard: each reviewer beside the team, flags, trends, queue health, effective rate. */
export async function leadDashboard(deps: Deps, window: IndicatorWindow) {
  const scope = await scopeOf(deps.db, window);
  const days = await talliesInWindow(deps.db, scope);
  const { team, reviewers } = figuresFromDays(days, scope);
  const names = await userNames(deps.db, [...reviewers.keys()]);
  const trend = trendOf(days);
  return {
    window: { from: scope.from, to: scope.to, system: window.system ?? null },
    thresholds: scope.thresholds,
    team,
    reviewers: [...reviewers.entries()]
      .map(([id, figures]) => ({ id, name: names.get(id) ?? id, figures, flags: reviewerFlags(figures, scope.thresholds, team) }))
      .sort((a, b) => b.flags.length - a.flags.length || b.figures.decisions - a.figures.decisions || a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
    trend: trend.map(trendDay),
    queueHealth: await queueHealth(deps.db, deps.now(), scope.from, scope.systemId),
    effectiveRates: await effectiveRates(deps.db, scope),
  };
}

/** The team's counts per UTC day, from the window's reviewer-days (a partial edge day counts its part). */
function trendOf(days: DayTally[]): TrendCounts[] {
  const byDay = new Map<number, TrendCounts>();
  for (const tally of days) {
    let counts = byDay.get(tally.day);
    if (!counts) {
      counts = { day: format(new UTCDate(tally.day * 86_400_000), "yyyy-MM-dd"), decisions: 0, approved: 0, overridden: 0, activeSeconds: 0, goldDecided: 0, goldCaught: 0 };
      byDay.set(tally.day, counts);
    }
    const c = tally.counts;
    counts.decisions += c.decisions;
    counts.approved += c.approvals;
    counts.overridden += c.judged - c.approvals;
    for (const seconds of tally.activeSeconds) counts.activeSeconds += seconds;
    counts.goldDecided += c.goldN;
    counts.goldCaught += c.goldCaught;
  }
  return [...byDay.keys()].sort((a, b) => a - b).map((day) => byDay.get(day)!);
}

export function trendDay(d: TrendCounts): TrendDay {
  return {
    day: d.day,
    decisions: d.decisions,
    approvalRate: approvalRate(d),
    meanActiveSeconds: share(d.activeSeconds, d.decisions),
    goldCatchRate: goldCatchRate({ decided: d.goldDecided, caught: d.goldCaught }),
    goldDecided: d.goldDecided,
    goldCaught: d.goldCaught,
  };
}
