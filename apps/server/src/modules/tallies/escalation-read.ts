import type { Db } from "../../db/client";
import type { Engine } from "../../db/dialect";
import { engineOf } from "../../db/transaction";
import { statement } from "../../lib/prepared";
import { dayMs } from "./counts";

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
 * Escalations are read system by system, off (system_id, received_at): a filter `system_id = :systemId OR
 * :systemId IS NULL` on escalations themselves cannot use that index for every system (PostgreSQL read the whole table).
 */
const systemFilter = "(CAST(:systemId AS TEXT) IS NULL OR s.id = :systemId)";

/**
 * Without statistics (Countersign never runs ANALYZE) SQLite's planner takes ai_systems for as big as
 * escalations and would scan every escalation (every tally) for the window's: CROSS JOIN keeps the
 * systems the outer loop, so each system's rows are one range of an index, named where several fit.
 */
const receivedFrom: Record<Engine, string> = {
  sqlite: "ai_systems s CROSS JOIN escalations e INDEXED BY escalations_system_received_idx ON e.system_id = s.id",
  postgres: "ai_systems s JOIN escalations e ON e.system_id = s.id",
};
/** The window's whole days of escalation_tallies: on SQLite system by system, as above. */
const wholeDays: Record<Engine, string> = {
  sqlite: `ai_systems s CROSS JOIN escalation_tallies ON escalation_tallies.system_id = s.id WHERE ${systemFilter} AND day >= :firstWhole AND day < :endWhole`,
  postgres: "escalation_tallies WHERE (CAST(:systemId AS TEXT) IS NULL OR system_id = :systemId) AND day >= :firstWhole AND day < :endWhole",
};

/**
 * The whole UTC days inside a window, and the stretches before and after them (all of it when no
 * day is whole). A window that ends now has nothing received after its end on its last day: that
 * day is read whole from the tallies too, so usually only the first, partial day is counted from raw rows.
 */
async function split(db: Db, window: { from: number; to: number }) {
  // Per system, so both engines walk (system_id, received_at): PostgreSQL has no skip scan and read every row.
  const later = statement(
    db,
    "SELECT 1 FROM ai_systems s WHERE EXISTS (SELECT 1 FROM escalations e WHERE e.system_id = s.id AND e.received_at >= ? AND e.received_at < ?) LIMIT 1",
  );
  const firstWhole = Math.ceil(window.from / dayMs);
  let endWhole = Math.floor(window.to / dayMs);
  const lastDayStart = endWhole * dayMs;
  if (window.to > lastDayStart && lastDayStart >= window.from && (await later.get(window.to, lastDayStart + dayMs)) === undefined) endWhole += 1;
  const edges: [number, number][] =
    firstWhole < endWhole
      ? [
          [window.from, Math.min(firstWhole * dayMs, window.to)],
          [endWhole * dayMs, window.to],
        ]
      : [[window.from, window.to]];
  return { firstWhole, endWhole, edges: edges.filter(([from, to]) => from < to) };
}

/**
 * Escalations received in [from, to) per system (gold copies never count), and how many of them are
 * decided: the effective verification rate's counts, without the breakdowns' joins to verifications.
 */
export async function receivedInWindow(db: Db, window: Window): Promise<Map<string, { received: number; reviewed: number }>> {
  const { firstWhole, endWhole, edges } = await split(db, window);
  const received = new Map<string, { received: number; reviewed: number }>();
  const add = (rows: { systemId: string; received: number; reviewed: number }[]) => {
    for (const row of rows) {
      const counts = received.get(row.systemId) ?? { received: 0, reviewed: 0 };
      counts.received += row.received;
      counts.reviewed += row.reviewed;
      received.set(row.systemId, counts);
    }
  };
  type Received = { systemId: string; received: number; reviewed: number };
  const raw = statement(
    db,
    `SELECT s.id AS systemId, count(*) AS received, count(*) FILTER (WHERE e.status = 'decided') AS reviewed
       FROM ${receivedFrom[engineOf(db)]}
      WHERE ${systemFilter} AND e.received_at >= :from AND e.received_at < :to AND e.gold_item_id IS NULL GROUP BY s.id`,
  );
  for (const [from, to] of edges) add(await raw.all<Received>({ systemId: window.systemId, from, to }));
  if (firstWhole < endWhole) {
    add(
      await statement(
        db,
        `SELECT system_id AS systemId, CAST(sum(escalations) AS BIGINT) AS received, CAST(sum(decided) AS BIGINT) AS reviewed FROM ${wholeDays[engineOf(db)]} GROUP BY system_id`,
      ).all<Received>({ systemId: window.systemId, firstWhole, endWhole }),
    );
  }
  return received;
}

/**
 * The escalations received in [from, to) (gold copies never count) per system, reason and model:
 * whole UTC days from escalation_tallies, the partial first (and last) day from the rows themselves (split).
 */
export async function escalationsInWindow(db: Db, window: Window): Promise<EscalationCounts[]> {
  const { firstWhole, endWhole, edges } = await split(db, window);
  const rows: Row[] = [];
  if (firstWhole < endWhole) {
    rows.push(
      ...(await statement(
        db,
        `SELECT system_id AS systemId, reason_code AS reasonCode, model, escalations, decided, verifications, decisions, approved, overridden,
                escalated_further AS escalatedFurther, active_seconds AS activeSeconds
           FROM ${wholeDays[engineOf(db)]}`,
      ).all<Row>({ systemId: window.systemId, firstWhole, endWhole })),
    );
  }
  const raw = statement(db, receivedRowsSql[engineOf(db)]);
  for (const [from, to] of edges) rows.push(...(await raw.all<Row>({ systemId: window.systemId, from, to })));
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

const receivedSql = (engine: Engine) => `WITH received AS (
       SELECT e.id, e.system_id, e.reason_code, e.model, e.status FROM ${receivedFrom[engine]}
        WHERE ${systemFilter} AND e.received_at >= :from AND e.received_at < :to AND e.gold_item_id IS NULL),`;

/** The escalations received in [:from, :to) counted as escalation_tallies counts them (its triggers' backfill, over a stretch of time). */
const receivedRowsSql: Record<Engine, string> = {
  sqlite: `${receivedSql("sqlite")}
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
  // Sums of bigint are numeric on PostgreSQL (read as text): cast back. Its GROUP BY needs every column grouped or aggregated.
  postgres: `${receivedSql("postgres")}
     by_seconds AS (
       SELECT r.system_id, r.reason_code, r.model, v.active_seconds, count(*) AS n, count(*) FILTER (WHERE v.superseded_at IS NULL) AS decisions,
              count(*) FILTER (WHERE v.outcome = 'approved' AND v.superseded_at IS NULL) AS approved,
              count(*) FILTER (WHERE v.outcome IN ('modified', 'rejected') AND v.superseded_at IS NULL) AS overridden,
              count(*) FILTER (WHERE v.outcome = 'escalated' AND v.superseded_at IS NULL) AS escalated_further
         FROM received r JOIN verifications v ON v.escalation_id = r.id GROUP BY 1, 2, 3, 4),
     verified AS (
       SELECT system_id, reason_code, model, sum(n)::bigint AS verifications, sum(decisions)::bigint AS decisions, sum(approved)::bigint AS approved,
              sum(overridden)::bigint AS overridden, sum(escalated_further)::bigint AS escalated_further,
              json_object_agg(active_seconds::text, n)::text AS active_seconds
         FROM by_seconds GROUP BY 1, 2, 3),
     counted AS (
       SELECT system_id, reason_code, model, count(*) AS escalations, count(*) FILTER (WHERE status = 'decided') AS decided FROM received GROUP BY 1, 2, 3)
     SELECT c.system_id AS systemId, c.reason_code AS reasonCode, c.model, c.escalations, c.decided,
            coalesce(v.verifications, 0) AS verifications, coalesce(v.decisions, 0) AS decisions, coalesce(v.approved, 0) AS approved, coalesce(v.overridden, 0) AS overridden,
            coalesce(v.escalated_further, 0) AS escalatedFurther, coalesce(v.active_seconds, '{}') AS activeSeconds
       FROM counted c LEFT JOIN verified v ON v.system_id = c.system_id AND v.reason_code = c.reason_code AND v.model = c.model`,
};

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
