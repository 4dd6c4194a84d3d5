import { incidentKinds } from "@countersign/shared/incidents";
import type { Db } from "../../db/client";
import { incidentDetail } from "./queries";
import { inOrder } from "../../lib/in-order";
import { statement } from "../../lib/prepared";

/**
 * The incidents of a system in a period, as the proof pack's incidents.jsonl carries them: those
 * that occurred before the period ended and were not closed before it began. Each with its
 * reporting rule, clock, notifications, linked escalations and hold, as they stand at export.
 */
export async function periodIncidentLines(db: Db, scope: { systemId: string; from: number; to: number }, now: number) {
  const ids = await statement(
    db,
    `SELECT id FROM incidents WHERE system_id = ? AND occurred_at < ? AND (closed_at IS NULL OR closed_at >= ?) ORDER BY occurred_at, id`,
  ).column<string>(scope.systemId, scope.to, scope.from);
  return await inOrder(ids, async (id) => {
      const { escalations, ...incident } = await incidentDetail(db, now, id);
      const kind = incidentKinds[incident.kind];
      return {
        ...incident,
        reportingRule: { article: kind.article, rule: kind.rule, reportWithinDays: kind.reportWithinDays },
        escalationIds: escalations.map((e) => e.id),
      };
    });
}
