import { sql, type SQL } from "drizzle-orm";
import { verificationRate, type VerificationRate } from "@countersign/shared/figures";
import type { Db, Tx } from "../../db/client";

/*
 * The verification rate's two counts, side by side per reported period: the outputs the
 * gateway says it produced (`total`, and its own `gateway_escalated` when it sends one) and
 * the escalations Countersign received with received_at in [period_start, period_end).
 * Escalations received outside every reported period count nowhere: a rate needs both counts.
 *
 * Each count is one range over escalations(system_id, received_at); nothing is loaded row by row.
 * Gold items (known-answer test copies) are not the AI system's output and never count.
 */
// Gold items are Countersign's own test copies, not the AI system's output: they never count.
const receivedInPeriod = sql`(SELECT count(*) FROM escalations e
  WHERE e.system_id = v.system_id AND e.received_at >= v.period_start AND e.received_at < v.period_end
    AND e.gold_item_id IS NULL)`;

/** Periods that start in [from, to): for rates by day, week and month (bucketed by period start). */
export function periodsStartingIn(systemId: string, from: number, to: number): SQL {
  return sql`SELECT v.id, v.period_start, v.period_end, v.total, v.gateway_escalated, ${receivedInPeriod} AS received
    FROM volume_reports v
    WHERE v.system_id = ${systemId} AND v.period_start >= ${from} AND v.period_start < ${to}`;
}

/** Periods that overlap [from, to) at all: for the rolling drift window, each period counted whole. */
export function periodsOverlapping(systemId: string, from: number, to: number): SQL {
  return sql`SELECT v.id, v.period_start, v.period_end, v.total, v.gateway_escalated, ${receivedInPeriod} AS received
    FROM volume_reports v
    WHERE v.system_id = ${systemId} AND v.period_end > ${from} AND v.period_start < ${to}`;
}

export type Totals = { periods: number; total: number; received: number };

/** Sums reported outputs and received escalations over a set of periods, in SQL. */
export async function totalsOf(db: Db | Tx, periods: SQL): Promise<Totals> {
  // Sums cast back to integers: PostgreSQL sums bigints as numeric.
  const row = await db.get<Totals>(sql`SELECT count(*) AS periods, CAST(coalesce(sum(total), 0) AS BIGINT) AS total, CAST(coalesce(sum(received), 0) AS BIGINT) AS received
    FROM (${periods}) AS p`);
  return row;
}

/** The verification rate over a set of periods: SQL counts, the one shared definition turns them into the rate. */
export async function rateOver(db: Db | Tx, periods: SQL): Promise<Totals & { rate: VerificationRate }> {
  const totals = await totalsOf(db, periods);
  return { ...totals, rate: verificationRate({ received: totals.received, reported: totals.total }) };
}
