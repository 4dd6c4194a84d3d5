import { decisionInForceSql, openItems, quantileRank } from "@countersign/shared/figures";
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

/**
 * A system page's figures computed the slow way, from every escalation received in the window
 * and its verifications — what the pages computed before they read escalation_tallies.
 */
export function systemPageFromRows(deps: Deps, systemId: string, window: { from: number; to: number }) {
  const received = "FROM escalations e WHERE e.system_id = :systemId AND e.received_at >= :from AND e.received_at < :to AND e.gold_item_id IS NULL";
  const params = { systemId, ...window };
  const breakdown = (column: string) =>
    deps.db.$client
      .prepare(
        `SELECT ${column} AS key, count(DISTINCT e.id) AS escalations, count(v.id) AS decisions, coalesce(sum(v.outcome = 'approved'), 0) AS approved,
                coalesce(sum(v.outcome IN ('modified', 'rejected')), 0) AS overridden, coalesce(sum(v.outcome = 'escalated'), 0) AS escalatedFurther
           FROM escalations e LEFT JOIN verifications v ON v.escalation_id = e.id AND ${decisionInForceSql("v")}
          WHERE e.system_id = :systemId AND e.received_at >= :from AND e.received_at < :to AND e.gold_item_id IS NULL
          GROUP BY key ORDER BY escalations DESC, key`,
      )
      .all(params);
  const decisions = deps.db.$client.prepare(`SELECT count(*) FROM verifications v WHERE v.escalation_id IN (SELECT e.id ${received})`).pluck().get(params) as number;
  const rank = quantileRank(0.5, decisions);
  const median =
    rank === null
      ? null
      : (deps.db.$client
          .prepare(`SELECT v.active_seconds FROM verifications v WHERE v.escalation_id IN (SELECT e.id ${received}) ORDER BY v.active_seconds LIMIT 1 OFFSET ${rank - 1}`)
          .pluck()
          .get(params) as number);
  const counts = deps.db.$client.prepare(`SELECT count(*) AS received, coalesce(sum(e.status = 'decided'), 0) AS reviewed ${received}`).get(params);
  return { byReason: breakdown("e.reason_code"), byModel: breakdown("e.model"), activeTime: { median, decisions }, counts };
}

/** Queue health the slow way: every open escalation grouped (what the dashboard read before it used the claim's indexes). */
export function queueHealthFromRows(deps: Deps, systemId: string | null) {
  const inQueue = "e.status IN ('queued', 'in_review') AND e.disputed_at IS NULL AND e.received_at <= :now";
  const params = { now: deps.now(), systemId };
  const backlog = deps.db.$client
    .prepare(
      `SELECT s.slug AS system, s.name AS systemName, e.priority, count(*) AS items, sum(e.gold_item_id IS NOT NULL) AS goldCopies,
              sum(e.status = 'in_review') AS inReview, min(e.received_at) AS oldestReceivedAt,
              sum(e.due_at IS NOT NULL AND unixepoch(e.due_at) * 1000 < :now) AS pastDue
         FROM escalations e JOIN ai_systems s ON s.id = e.system_id
        WHERE ${inQueue} AND (:systemId IS NULL OR e.system_id = :systemId)
        GROUP BY s.slug, e.priority
        ORDER BY s.slug, CASE e.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`,
    )
    .all(params);
  const open = deps.db.$client
    .prepare(
      `SELECT coalesce(sum(${inQueue} AND e.gold_item_id IS NULL), 0) AS escalations, coalesce(sum(${inQueue} AND e.gold_item_id IS NOT NULL), 0) AS goldCopies,
              coalesce(sum(e.status IN ('queued', 'in_review') AND e.disputed_at IS NOT NULL), 0) AS awaitingLead
         FROM escalations e WHERE (:systemId IS NULL OR e.system_id = :systemId)`,
    )
    .get(params) as { escalations: number; goldCopies: number; awaitingLead: number };
  return { backlog, open: openItems(open) };
}
