import { openItems as openItemsOf } from "@countersign/shared/figures";
import type { Db } from "../../db/client";

/**
 * What the reviewers' queue holds (figures.openItems): queued or in review, outside a dispute —
 * the same condition the queue lists by — gold copies included and counted apart.
 */
// The unary + keeps SQLite on the status index: on disputed_at IS NULL it would walk every decided row.
// A gold copy counts from its drawn arrival time on, as the queue lists it.
const inReviewersQueue = "e.status IN ('queued', 'in_review') AND +e.disputed_at IS NULL AND +e.received_at <= :now";

/** Open items of one system or all: the one count the dashboard and the system pages show. */
export function openItems(db: Db, systemId: string | null, now: number) {
  const row = db.$client
    .prepare(
      `SELECT coalesce(sum(${inReviewersQueue} AND e.gold_item_id IS NULL), 0) AS escalations,
              coalesce(sum(${inReviewersQueue} AND e.gold_item_id IS NOT NULL), 0) AS goldCopies,
              coalesce(sum(e.status IN ('queued', 'in_review') AND +e.disputed_at IS NOT NULL), 0) AS awaitingLead
         FROM escalations e WHERE e.status IN ('queued', 'in_review') AND (:systemId IS NULL OR e.system_id = :systemId)`,
    )
    .get({ systemId, now }) as { escalations: number; goldCopies: number; awaitingLead: number };
  return openItemsOf(row);
}

/** Backlog per system and priority, the oldest item, items past due, and leases that expired. */
export function queueHealth(db: Db, now: number, since: number, systemId: string | null) {
  const backlog = db.$client
    .prepare(
      `SELECT s.slug AS system, s.name AS systemName, e.priority, count(*) AS items,
              sum(e.gold_item_id IS NOT NULL) AS goldCopies,
              sum(e.status = 'in_review') AS inReview, min(e.received_at) AS oldestReceivedAt,
              sum(e.due_at IS NOT NULL AND unixepoch(e.due_at) * 1000 < :now) AS pastDue
         FROM escalations e JOIN ai_systems s ON s.id = e.system_id
        WHERE ${inReviewersQueue} AND (:systemId IS NULL OR e.system_id = :systemId)
        GROUP BY s.slug, e.priority
        ORDER BY s.slug, CASE e.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`,
    )
    .all({ now, systemId }) as {
    system: string;
    systemName: string;
    priority: string;
    items: number;
    goldCopies: number;
    inReview: number;
    oldestReceivedAt: number;
    pastDue: number;
  }[];
  const expiredLeases = db.$client
    .prepare(
      `SELECT count(*) FROM audit_log a
        WHERE a.action = 'escalation.lease_expired' AND a.at >= :since
          AND (:systemId IS NULL OR a.entity_id IN (SELECT id FROM escalations WHERE system_id = :systemId))`,
    )
    .pluck()
    .get({ since: new Date(since).toISOString(), systemId }) as number;
  return {
    backlog,
    open: openItems(db, systemId, now),
    pastDue: backlog.reduce((n, row) => n + row.pastDue, 0),
    oldestReceivedAt: backlog.length ? Math.min(...backlog.map((row) => row.oldestReceivedAt)) : null,
    expiredLeases,
  };
}
