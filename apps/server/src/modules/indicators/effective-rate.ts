import { effectiveVerificationRate } from "@countersign/shared/figures";
import type { Db } from "../../db/client";
import { dialectOf } from "../../db/dialect";
import { statement } from "../../lib/prepared";
import { receivedInWindow } from "../tallies/escalation-read";
import { goldInWindow } from "../tallies/read";
import type { Scope } from "./window";

/**
 * Effective verification rate per system (figures.effectiveVerificationRate): escalations received
 * and reviewed (the window's partial days from the rows), and gold decisions, from the daily tallies.
 */
export async function effectiveRates(db: Db, scope: Scope) {
  const gold = await goldInWindow(db, scope);
  const received = await receivedInWindow(db, scope);
  const systems = await statement(
    db,
    `SELECT s.id, s.slug AS system, s.name FROM ai_systems s WHERE (CAST(:systemId AS TEXT) IS NULL OR s.id = :systemId) ORDER BY ${dialectOf(db).bytewise("s.name")}`,
  ).all<{ id: string; system: string; name: string }>({ systemId: scope.systemId });
  return systems.map((system) => {
    const row = { ...system, ...(received.get(system.id) ?? { received: 0, reviewed: 0 }) };
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
