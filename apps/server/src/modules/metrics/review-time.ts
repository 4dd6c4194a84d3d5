import { sql } from "drizzle-orm";
import { quantileRank } from "@countersign/shared/figures";
import type { Db } from "../../db/client";
import type { Window } from "./window";

/**
 * The median active seconds reviewers spent on this system's escalations received in the
 * window: the real review time that an hourly reviewer rate turns into a cost per review.
 * The median, not the mean, so one review left open over lunch does not move it; picked as
 * figures.quantileRank picks it everywhere else.
 */
export function medianActiveSeconds(db: Db, systemId: string, window: Window): { median: number | null; decisions: number } {
  const reviewed = sql`FROM escalations e JOIN verifications v ON v.escalation_id = e.id
      WHERE e.system_id = ${systemId} AND e.received_at >= ${window.from} AND e.received_at < ${window.to}
        AND e.gold_item_id IS NULL`;
  const { decisions } = db.get<{ decisions: number }>(sql`SELECT count(*) AS decisions ${reviewed}`);
  const rank = quantileRank(0.5, decisions);
  if (rank === null) return { median: null, decisions };
  const row = db.get<{ seconds: number }>(sql`SELECT v.active_seconds AS seconds ${reviewed} ORDER BY v.active_seconds LIMIT 1 OFFSET ${rank - 1}`);
  return { median: row.seconds, decisions };
}
