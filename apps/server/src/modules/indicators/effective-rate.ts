import { effectiveVerificationRate } from "@countersign/shared/figures";
import type { Db } from "../../db/client";
import { goldInWindow } from "../tallies/read";
import type { Scope } from "./window";

/**
 * Effective verification rate per system (figures.effectiveVerificationRate): escalations received
 * and reviewed counted in SQL, gold decisions from the tallies (talliesInWindow's whole days and edges).
 */
export function effectiveRates(db: Db, scope: Scope) {
  const gold = goldInWindow(db, scope);
  const rows = db.$client
    .prepare(
      `SELECT s.id, s.slug AS system, s.name,
              (SELECT count(*) FROM escalations e WHERE e.system_id = s.id AND e.gold_item_id IS NULL
                  AND e.received_at >= :from AND e.received_at < :to) AS received,
              (SELECT count(*) FROM escalations e WHERE e.system_id = s.id AND e.gold_item_id IS NULL
                  AND e.received_at >= :from AND e.received_at < :to AND e.status = 'decided') AS reviewed
         FROM ai_systems s WHERE (:systemId IS NULL OR s.id = :systemId) ORDER BY s.name`,
    )
    .all({ from: scope.from, to: scope.to, systemId: scope.systemId }) as {
    id: string;
    system: string;
    name: string;
    received: number;
    reviewed: number;
  }[];
  return rows.map((row) => {
    const { decided: goldDecisions, caught: goldCaught } = gold.get(row.id) ?? { decided: 0, caught: 0 };
    const effective = effectiveVerificationRate({ received: row.received, decided: row.reviewed, goldDecided: goldDecisions, goldCaught });
    return {
      systemId: row.id,
      system: row.system,
      name: row.name,
      received: row.received,
      reviewed: row.reviewed,
      reviewedShare: effective.reviewedShare,
      goldDecisions,
      goldCatchRate: effective.goldCatchRate,
      effectiveRate: effective.rate,
      interval: effective.interval,
    };
  });
}
