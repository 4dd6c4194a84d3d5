import { wilsonInterval } from "@countersign/shared/cost-model";
import type { Db } from "../../db/client";
import type { Scope } from "./window";

/**
 * Effective verification rate per system: the share of escalations reviewed × the gold catch
 * rate — how much of the oversight actually catches errors. The interval carries the gold
 * sample's uncertainty (the Wilson interval of the catch rate, scaled by the reviewed share).
 */
export function effectiveRates(db: Db, scope: Scope) {
  const rows = db.$client
    .prepare(
      `SELECT s.id, s.slug AS system, s.name,
              (SELECT count(*) FROM escalations e WHERE e.system_id = s.id AND e.gold_item_id IS NULL
                  AND e.received_at >= :from AND e.received_at < :to) AS received,
              (SELECT count(*) FROM escalations e WHERE e.system_id = s.id AND e.gold_item_id IS NULL
                  AND e.received_at >= :from AND e.received_at < :to AND e.status = 'decided') AS reviewed,
              (SELECT count(*) FROM verifications v WHERE v.system_id = s.id AND v.gold_caught IS NOT NULL
                  AND v.decided_at >= :from AND v.decided_at < :to) AS goldDecisions,
              (SELECT count(*) FROM verifications v WHERE v.system_id = s.id AND v.gold_caught = 1
                  AND v.decided_at >= :from AND v.decided_at < :to) AS goldCaught
         FROM ai_systems s WHERE (:systemId IS NULL OR s.id = :systemId) ORDER BY s.name`,
    )
    .all({ from: scope.from, to: scope.to, systemId: scope.systemId }) as {
    id: string;
    system: string;
    name: string;
    received: number;
    reviewed: number;
    goldDecisions: number;
    goldCaught: number;
  }[];
  return rows.map((row) => {
    const reviewedShare = row.received > 0 ? row.reviewed / row.received : null;
    const catchRate = row.goldDecisions > 0 ? row.goldCaught / row.goldDecisions : null;
    const interval = wilsonInterval(row.goldCaught, row.goldDecisions);
    return {
      systemId: row.id,
      system: row.system,
      name: row.name,
      received: row.received,
      reviewed: row.reviewed,
      reviewedShare,
      goldDecisions: row.goldDecisions,
      goldCatchRate: catchRate,
      effectiveRate: reviewedShare !== null && catchRate !== null ? reviewedShare * catchRate : null,
      interval: reviewedShare !== null && interval ? { low: reviewedShare * interval.low, high: reviewedShare * interval.high } : null,
    };
  });
}
