import { confidenceBandSql } from "@countersign/shared/figures";
import { indicatorThresholdsSchema, type IndicatorThresholds, type IndicatorWindow } from "@countersign/shared/indicators";
import type { Db } from "../../db/client";

export type Scope = { from: number; to: number; systemId: string | null; thresholds: IndicatorThresholds };

export function scopeOf(db: Db, window: IndicatorWindow): Scope {
  const systemId = window.system
    ? ((db.$client.prepare("SELECT id FROM ai_systems WHERE slug = ?").pluck().get(window.system) as string | undefined) ?? "none")
    : null;
  return {
    from: Date.parse(window.from),
    to: Date.parse(window.to),
    systemId,
    thresholds: indicatorThresholdsSchema.parse(window.thresholds ?? {}),
  };
}

/**
 * The verifications in scope, with what the indicators derive from each. Uses the
 * (system_id, decided_at) or (decided_at) index; aggregates run in SQLite, never in memory.
 */
export const scopedVerifications = `
  scoped AS (
    SELECT v.*,
           (v.decided_at - v.claimed_at) / 1000.0 AS elapsed,
           json_array_length(v.evidence_opened) AS opened_count,
           coalesce(json_array_length(e.evidence), 0) AS evidence_count,
           ${confidenceBandSql("v.confidence")} AS band
      FROM verifications v JOIN escalations e ON e.id = v.escalation_id
     WHERE v.decided_at >= :from AND v.decided_at < :to
       AND (:systemId IS NULL OR v.system_id = :systemId)
  )`;

export function params(scope: Scope) {
  return {
    from: scope.from,
    to: scope.to,
    systemId: scope.systemId,
    dup: scope.thresholds.duplicateSimilarity,
  };
}
