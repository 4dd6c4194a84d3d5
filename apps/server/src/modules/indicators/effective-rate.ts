import { effectiveVerificationRate } from "@countersign/shared/figures";
import type { Db } from "../../db/client";
import type { Scope } from "./window";

/** Effective verification rate per system (figures.effectiveVerificationRate), counted in SQL. */
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
    const effective = effectiveVerificationRate({ received: row.received, decided: row.reviewed, goldDecided: row.goldDecisions, goldCaught: row.goldCaught });
    return {
      systemId: row.id,
      system: row.system,
      name: row.name,
      received: row.received,
      reviewed: row.reviewed,
      reviewedShare: effective.reviewedShare,
      goldDecisions: row.goldDecisions,
      goldCatchRate: effective.goldCatchRate,
      effectiveRate: effective.rate,
      interval: effective.interval,
    };
  });
}
