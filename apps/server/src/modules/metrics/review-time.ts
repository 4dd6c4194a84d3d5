import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Window } from "./window";

/**
 * The median active seconds reviewers spent on this system's escalations received in the
 * window: the real review time that an hourly reviewer rate turns into a cost per review.
 * The median, not the mean, so one review left open over lunch does not move it.
 */
export function medianActiveSeconds(db: Db, systemId: string, window: Window): { median: number | null; decisions: number } {
  const row = db.get<{ median: number | null; decisions: number }>(sql`WITH t AS (
      SELECT v.active_seconds AS seconds FROM escalations e JOIN verifications v ON v.escalation_id = e.id
      WHERE e.system_id = ${systemId} AND e.received_at >= ${window.from} AND e.received_at < ${window.to}
        AND e.gold_item_id IS NULL
    ), n AS (SELECT count(*) AS decisions FROM t)
    SELECT (SELECT avg(seconds) FROM (SELECT seconds FROM t ORDER BY seconds
        LIMIT 2 - (SELECT decisions FROM n) % 2 OFFSET ((SELECT decisions FROM n) - 1) / 2)) AS median,
      (SELECT decisions FROM n) AS decisions`);
  return { median: row.median, decisions: row.decisions };
}
