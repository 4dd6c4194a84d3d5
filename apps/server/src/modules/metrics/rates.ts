import { sql } from "drizzle-orm";
import { verificationRate } from "@countersign/shared/figures";
import type { Db } from "../../db/client";
import { dialectOf, type Dialect } from "../../db/dialect";
import { periodsStartingIn } from "./reported-periods";
import { isoWindow, type Granularity, type Window } from "./window";

/** UTC day, ISO week (Monday) and calendar month of a period's start, with a label for people. */
const bucketOf = (d: Dialect, granularity: Granularity): { start: string; label: string } => {
  const at = "period_start";
  if (granularity === "day") return { start: d.utcDay(at), label: d.utcDay(at) };
  if (granularity === "week") return { start: d.utcWeekStart(at), label: d.utcIsoWeek(at) };
  return { start: d.utcMonthStart(at), label: d.utcMonth(at) };
};

type BucketRow = {
  bucket: string;
  label: string;
  periods: number;
  total: number;
  received: number;
  gateway_escalated: number | null;
  received_in_gateway_periods: number | null;
  gateway_periods: number;
  disagreeing_periods: number;
};

type PeriodRow = { id: string; period_start: number; period_end: number; total: number; gateway_escalated: number; received: number };

export type RateBucket = {
  /** First day of the bucket (UTC), YYYY-MM-DD. */
  bucket: string;
  /** "2026-11-22", "2026-W47" or "2026-11". */
  label: string;
  periods: number;
  total: number;
  received: number;
  /** received ÷ total (figures.verificationRate); null when nothing was reported or received exceeds total. */
  rate: number | null;
  /** Wilson 95% interval; null whenever the rate is. */
  interval: { low: number; high: number } | null;
  /** More escalations received than outputs reported: a layer conflict, never a rate above 100%. */
  exceedsReported: boolean;
  /**
   * The gateway's own escalated count against what Countersign received, over the periods
   * for which the gateway sent a count; null when it sent none in this bucket.
   */
  gateway: { escalated: number; received: number; difference: number; periods: number; disagreeingPeriods: number } | null;
};

export type GatewayDisagreement = { id: string; periodStart: string; periodEnd: string; total: number; gatewayEscalated: number; received: number; difference: number };

const maxDisagreements = 100;

/**
 * The measured verification rate per UTC day, ISO week or month (periods bucketed by their
 * start), with a Wilson 95% interval, and where the gateway's escalated count disagrees with
 * what Countersign received. Aggregated in SQL: one indexed count per reported period.
 */
export async function verificationRates(db: Db, systemId: string, granularity: Granularity, window: Window) {
  const periods = periodsStartingIn(systemId, window.from, window.to);
  const bucket = bucketOf(dialectOf(db), granularity);
  // Sums cast back to integers: PostgreSQL sums bigints as numeric.
  const rows = await db.all<BucketRow>(sql`SELECT ${sql.raw(bucket.start)} AS bucket, ${sql.raw(bucket.label)} AS label,
      count(*) AS periods, CAST(sum(total) AS BIGINT) AS total, CAST(sum(received) AS BIGINT) AS received,
      CAST(sum(gateway_escalated) AS BIGINT) AS gateway_escalated,
      CAST(sum(CASE WHEN gateway_escalated IS NOT NULL THEN received END) AS BIGINT) AS received_in_gateway_periods,
      count(gateway_escalated) AS gateway_periods,
      count(*) FILTER (WHERE gateway_escalated IS NOT NULL AND gateway_escalated <> received) AS disagreeing_periods
    FROM (${periods}) AS p GROUP BY 1, 2 ORDER BY 1`);
  const buckets: RateBucket[] = rows.map((row) => ({
    bucket: row.bucket,
    label: row.label,
    periods: row.periods,
    total: row.total,
    ...rateFields(row.received, row.total),
    gateway:
      row.gateway_periods > 0
        ? {
            escalated: row.gateway_escalated!,
            received: row.received_in_gateway_periods!,
            difference: row.gateway_escalated! - row.received_in_gateway_periods!,
            periods: row.gateway_periods,
            disagreeingPeriods: row.disagreeing_periods,
          }
        : null,
  }));
  const disagreeing = await db.all<PeriodRow>(sql`SELECT * FROM (${periods}) AS p
    WHERE gateway_escalated IS NOT NULL AND gateway_escalated <> received ORDER BY period_start LIMIT ${maxDisagreements}`);
  const total = buckets.reduce((sum, b) => sum + b.total, 0);
  const received = buckets.reduce((sum, b) => sum + b.received, 0);
  return {
    systemId,
    granularity,
    window: isoWindow(window),
    overall: { total, ...rateFields(received, total) },
    buckets,
    /** Periods where the gateway and Countersign disagree, oldest first (at most 100). */
    gatewayDisagreements: disagreeing.map(
      (p): GatewayDisagreement => ({
        id: p.id,
        periodStart: new Date(p.period_start).toISOString(),
        periodEnd: new Date(p.period_end).toISOString(),
        total: p.total,
        gatewayEscalated: p.gateway_escalated,
        received: p.received,
        difference: p.gateway_escalated - p.received,
      }),
    ),
  };
}


function rateFields(received: number, total: number) {
  const { rate, interval, exceedsReported } = verificationRate({ received, reported: total });
  return { received, rate, interval, exceedsReported };
}
