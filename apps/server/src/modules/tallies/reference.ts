import { decisionInForceSql, openItems, quantileRank } from "@countersign/shared/figures";
import { indicatorThresholdsSchema, type IndicatorWindow } from "@countersign/shared/indicators";
import { dialectOf } from "../../db/dialect";
import type { Deps } from "../../lib/context";
import { statement } from "../../lib/prepared";
import { trendDay, type TrendCounts } from "../indicators/dashboard";
import { reviewerFiguresFromRows } from "../indicators/figures";
import { scopeOf } from "../indicators/window";

/*
 * The figures the slow way, in SQL both engines read alike (booleans tested as such, conditional
 * counts as `count(*) FILTER`, sums cast back to integers: PostgreSQL sums bigints as numeric).
 */

/**
 * The lead dashboard's figures computed the slow way, from every verification in the window —
 * what the dashboard computed before it read tallies. Tests hold the tallied dashboard to it.
 */
export async function dashboardFromRows(deps: Deps, window: IndicatorWindow) {
  const scope = await scopeOf(deps.db, window);
  const { team, reviewers } = await reviewerFiguresFromRows(deps.db, scope);
  const where = "v.decided_at >= :from AND v.decided_at < :to AND (CAST(:systemId AS TEXT) IS NULL OR v.system_id = :systemId)";
  const params = { from: scope.from, to: scope.to, systemId: scope.systemId };
  const trend = await statement(
    deps.db,
    `SELECT ${dialectOf(deps.db).utcDay("decided_at")} AS day, count(*) AS decisions,
            count(*) FILTER (WHERE outcome = 'approved') AS approved, count(*) FILTER (WHERE outcome IN ('modified', 'rejected')) AS overridden,
            CAST(sum(active_seconds) AS BIGINT) AS activeSeconds, count(gold_caught) AS goldDecided, count(*) FILTER (WHERE gold_caught) AS goldCaught
       FROM verifications v WHERE ${where} GROUP BY day ORDER BY day`,
  ).all<TrendCounts>(params);
  const gold = await statement(
    deps.db,
    `SELECT s.slug AS system, (SELECT count(*) FROM verifications v WHERE v.system_id = s.id AND v.gold_caught IS NOT NULL AND ${where}) AS goldDecisions,
            (SELECT count(*) FROM verifications v WHERE v.system_id = s.id AND v.gold_caught AND ${where}) AS goldCaught
       FROM ai_systems s WHERE (CAST(:systemId AS TEXT) IS NULL OR s.id = :systemId) ORDER BY ${dialectOf(deps.db).bytewise("s.name")}`,
  ).all<{ system: string; goldDecisions: number; goldCaught: number }>(params);
  return { team, reviewers: Object.fromEntries(reviewers), trend: trend.map(trendDay), gold, thresholds: indicatorThresholdsSchema.parse(window.thresholds ?? {}) };
}

/**
 * A system page's figures computed the slow way, from every escalation received in the window
 * and its verifications — what the pages computed before they read escalation_tallies.
 */
export async function systemPageFromRows(deps: Deps, systemId: string, window: { from: number; to: number }) {
  const received = "FROM escalations e WHERE e.system_id = :systemId AND e.received_at >= :from AND e.received_at < :to AND e.gold_item_id IS NULL";
  const params = { systemId, ...window };
  const breakdown = (column: string) =>
    statement(
      deps.db,
      `SELECT ${column} AS key, count(DISTINCT e.id) AS escalations, count(v.id) AS decisions, count(*) FILTER (WHERE v.outcome = 'approved') AS approved,
              count(*) FILTER (WHERE v.outcome IN ('modified', 'rejected')) AS overridden, count(*) FILTER (WHERE v.outcome = 'escalated') AS escalatedFurther
         FROM escalations e LEFT JOIN verifications v ON v.escalation_id = e.id AND ${decisionInForceSql("v")}
        WHERE e.system_id = :systemId AND e.received_at >= :from AND e.received_at < :to AND e.gold_item_id IS NULL
        GROUP BY key ORDER BY escalations DESC, ${dialectOf(deps.db).bytewise(column)}`,
    ).all(params);
  const decisions = (await statement(deps.db, `SELECT count(*) FROM verifications v WHERE v.escalation_id IN (SELECT e.id ${received})`).value<number>(params))!;
  const rank = quantileRank(0.5, decisions);
  const median =
    rank === null
      ? null
      : ((await statement(
          deps.db,
          `SELECT v.active_seconds FROM verifications v WHERE v.escalation_id IN (SELECT e.id ${received}) ORDER BY v.active_seconds LIMIT 1 OFFSET ${rank - 1}`,
        ).value<number>(params)) as number);
  const counts = await statement(deps.db, `SELECT count(*) AS received, count(*) FILTER (WHERE e.status = 'decided') AS reviewed ${received}`).get(params);
  return { byReason: await breakdown("e.reason_code"), byModel: await breakdown("e.model"), activeTime: { median, decisions }, counts };
}

/** Queue health the slow way: every open escalation grouped (what the dashboard read before it used the claim's indexes). */
export async function queueHealthFromRows(deps: Deps, systemId: string | null) {
  const inQueue = "e.status IN ('queued', 'in_review') AND e.disputed_at IS NULL AND e.received_at <= :now";
  const params = { now: deps.now(), systemId };
  const backlog = await statement(
    deps.db,
    `SELECT s.slug AS system, s.name AS systemName, e.priority, count(*) AS items, count(e.gold_item_id) AS goldCopies,
            count(*) FILTER (WHERE e.status = 'in_review') AS inReview, min(e.received_at) AS oldestReceivedAt,
            count(*) FILTER (WHERE e.due_at IS NOT NULL AND ${dialectOf(deps.db).isoToEpochSeconds("e.due_at")} * 1000 < :now) AS pastDue
       FROM escalations e JOIN ai_systems s ON s.id = e.system_id
      WHERE ${inQueue} AND (CAST(:systemId AS TEXT) IS NULL OR e.system_id = :systemId)
      GROUP BY s.slug, s.name, e.priority
      ORDER BY ${dialectOf(deps.db).bytewise("s.slug")}, CASE e.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`,
  ).all(params);
  const open = (await statement(
    deps.db,
    `SELECT count(*) FILTER (WHERE ${inQueue} AND e.gold_item_id IS NULL) AS escalations, count(*) FILTER (WHERE ${inQueue} AND e.gold_item_id IS NOT NULL) AS goldCopies,
            count(*) FILTER (WHERE e.status IN ('queued', 'in_review') AND e.disputed_at IS NOT NULL) AS awaitingLead
       FROM escalations e WHERE (CAST(:systemId AS TEXT) IS NULL OR e.system_id = :systemId)`,
  ).get<{ escalations: number; goldCopies: number; awaitingLead: number }>(params))!;
  return { backlog, open: openItems(open) };
}
