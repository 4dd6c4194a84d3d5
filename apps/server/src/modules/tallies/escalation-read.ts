import type { Db } from "../../db/client";
import { split } from "./read";

/** Escalations of one system, reason and model received in a window, and their verifications. */
export type EscalationCounts = {
  systemId: string;
  reasonCode: string;
  model: string;
  escalations: number;
  decided: number;
  /** Every verification, superseded ones too (review time). */
  verifications: number;
  /** The decisions in force, by outcome (breakdowns). */
  decisions: number;
  approved: number;
  overridden: number;
  escalatedFurther: number;
  /** Active seconds of the verifications → how many. */
  activeSeconds: Map<number, number>;
};

type Row = Omit<EscalationCounts, "activeSeconds"> & { activeSeconds: string };
type Window = { from: number; to: number; systemId: string | null };

/**
 * The escalations received in [from, to) (gold copies never count) per system, reason and model:
 * whole UTC days from escalation_tallies, the partial first (and last) day from the rows themselves (read.ts split).
 */
export function escalationsInWindow(db: Db, window: Window): EscalationCounts[] {
  const later = db.$client.prepare("SELECT 1 FROM escalations WHERE received_at >= ? AND received_at < ? LIMIT 1");
  const { firstWhole, endWhole, edges } = split(window, (from, to) => later.get(from, to) !== undefined);
  const rows: Row[] = [];
  if (firstWhole < endWhole) {
    rows.push(
      ...(db.$client
        .prepare(
          `SELECT system_id AS systemId, reason_code AS reasonCode, model, escalations, decided, verifications, decisions, approved, overridden,
                  escalated_further AS escalatedFurther, active_seconds AS activeSeconds
             FROM escalation_tallies WHERE (:systemId IS NULL OR system_id = :systemId) AND day >= :firstWhole AND day < :endWhole`,
        )
        .all({ systemId: window.systemId, firstWhole, endWhole }) as Row[]),
    );
  }
  const raw = db.$client.prepare(
    `WITH received AS (
       SELECT e.id, e.system_id, e.reason_code, e.model, e.status FROM escalations e
        WHERE (:systemId IS NULL OR e.system_id = :systemId) AND e.received_at >= :from AND e.received_at < :to AND e.gold_item_id IS NULL),
     by_seconds AS (
       SELECT r.system_id, r.reason_code, r.model, v.active_seconds, count(*) AS n, sum(v.superseded_at IS NULL) AS decisions,
              sum(v.outcome = 'approved' AND v.superseded_at IS NULL) AS approved,
              sum(v.outcome IN ('modified', 'rejected') AND v.superseded_at IS NULL) AS overridden,
              sum(v.outcome = 'escalated' AND v.superseded_at IS NULL) AS escalated_further
         FROM received r JOIN verifications v ON v.escalation_id = r.id GROUP BY 1, 2, 3, 4),
     verified AS (
       SELECT system_id, reason_code, model, sum(n) AS verifications, sum(decisions) AS decisions, sum(approved) AS approved, sum(overridden) AS overridden,
              sum(escalated_further) AS escalated_further, json_group_object(CAST(active_seconds AS TEXT), n) AS active_seconds
         FROM by_seconds GROUP BY 1, 2, 3)
     SELECT r.system_id AS systemId, r.reason_code AS reasonCode, r.model, count(*) AS escalations, sum(r.status = 'decided') AS decided,
            coalesce(v.verifications, 0) AS verifications, coalesce(v.decisions, 0) AS decisions, coalesce(v.approved, 0) AS approved, coalesce(v.overridden, 0) AS overridden,
            coalesce(v.escalated_further, 0) AS escalatedFurther, coalesce(v.active_seconds, '{}') AS activeSeconds
       FROM received r LEFT JOIN verified v ON v.system_id = r.system_id AND v.reason_code = r.reason_code AND v.model = r.model
      GROUP BY r.system_id, r.reason_code, r.model`,
  );
  for (const [from, to] of edges) if (from < to) rows.push(...(raw.all({ systemId: window.systemId, from, to }) as Row[]));
  const merged = new Map<string, EscalationCounts>();
  for (const row of rows) {
    const key = JSON.stringify([row.systemId, row.reasonCode, row.model]);
    let counts = merged.get(key);
    if (!counts) {
      counts = { ...row, escalations: 0, decided: 0, verifications: 0, decisions: 0, approved: 0, overridden: 0, escalatedFurther: 0, activeSeconds: new Map() };
      merged.set(key, counts);
    }
    counts.escalations += row.escalations;
    counts.decided += row.decided;
    counts.verifications += row.verifications;
    counts.decisions += row.decisions;
    counts.approved += row.approved;
    counts.overridden += row.overridden;
    counts.escalatedFurther += row.escalatedFurther;
    for (const [seconds, n] of Object.entries(JSON.parse(row.activeSeconds) as Record<string, number>)) {
      if (n !== 0) counts.activeSeconds.set(Number(seconds), (counts.activeSeconds.get(Number(seconds)) ?? 0) + n);
    }
  }
  return [...merged.values()];
}

/** The k-th smallest active time (1-based) in a histogram; null when there are fewer. */
export function kthActiveSeconds(histogram: Map<number, number>, k: number | null): number | null {
  if (k === null) return null;
  let seen = 0;
  for (const seconds of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(seconds)!;
    if (seen >= k) return seconds;
  }
  return null;
}
