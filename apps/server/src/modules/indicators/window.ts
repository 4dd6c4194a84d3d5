import { confidenceBandSql } from "@countersign/shared/figures";
import { indicatorThresholdsSchema, type IndicatorThresholds, type IndicatorWindow } from "@countersign/shared/indicators";
import type { Db } from "../../db/client";
import { dialectFor, type Engine } from "../../db/dialect";
import { statement } from "../../lib/prepared";

export type Scope = { from: number; to: number; systemId: string | null; thresholds: IndicatorThresholds };

export async function scopeOf(db: Db, window: IndicatorWindow): Promise<Scope> {
  const systemId = window.system ? ((await statement(db, "SELECT id FROM ai_systems WHERE slug = ?").value<string>(window.system)) ?? "none") : null;
  return {
    from: Date.parse(window.from),
    to: Date.parse(window.to),
    systemId,
    thresholds: indicatorThresholdsSchema.parse(window.thresholds ?? {}),
  };
}

/**
 * The verifications in scope, with what the indicators derive from each. Uses the
 * (system_id, decided_at) or (decided_at) index; aggregates run in the database, never in memory.
 * The elapsed seconds are a double on both engines (PostgreSQL's `/ 1000.0` would be numeric).
 */
const scoped = (engine: Engine) => `
  scoped AS (
    SELECT v.*,
           CAST(v.decided_at - v.claimed_at AS DOUBLE PRECISION) / 1000 AS elapsed,
           ${dialectFor(engine).jsonArrayLength("v.evidence_opened")} AS opened_count,
           coalesce(${dialectFor(engine).jsonArrayLength("e.evidence")}, 0) AS evidence_count,
           ${confidenceBandSql("v.confidence")} AS band
      FROM verifications v JOIN escalations e ON e.id = v.escalation_id
     WHERE v.decided_at >= :from AND v.decided_at < :to
       AND (CAST(:systemId AS TEXT) IS NULL OR v.system_id = :systemId)
  )`;
export const scopedVerifications: Record<Engine, string> = { sqlite: scoped("sqlite"), postgres: scoped("postgres") };

export function params(scope: Scope) {
  return {
    from: scope.from,
    to: scope.to,
    systemId: scope.systemId,
    dup: scope.thresholds.duplicateSimilarity,
  };
}
