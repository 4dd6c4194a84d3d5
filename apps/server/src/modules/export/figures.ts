import { decisionInForceSql, exceedsReportedMessage, goldCatchRate, quantileRank } from "@countersign/shared/figures";
import { defaultThresholds } from "@countersign/shared/indicators";
import { reviewPolicySchema } from "@countersign/shared/policy";
import { dialectOf } from "../../db/dialect";
import { statement } from "../../lib/prepared";
import { effectiveRates } from "../indicators/effective-rate";
import { periodsStartingIn, rateOver } from "../metrics/reported-periods";
import type { PackScope } from "./lines";
import type { Snapshot } from "./snapshot";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Everything report.html and summary.csv state about a system and a period, read from the
 * export's snapshot with aggregate queries (bounded output, whatever the volume).
 */
export async function packFigures(snapshot: Snapshot, scope: PackScope) {
  const db = snapshot.db;
  const p = { systemId: scope.systemId, from: scope.from, to: scope.to };
  const one = async <T>(query: string) => (await statement(db, query).get<T>(p))!;
  const all = <T>(query: string) => statement(db, query).all<T>(p);

  // Named columns, not *: on PostgreSQL a prepared statement whose result gained a column (a
  // migration run by a newer instance beside this one) fails with "cached plan must not change result type".
  const system = (await statement(db, "SELECT id, slug, name, description, oversight_mode, state, policy FROM ai_systems WHERE id = ?").get<Record<string, unknown>>(
    scope.systemId,
  ))!;
  const policy = reviewPolicySchema.parse(JSON.parse(system.policy as string));
  // The same periods and counts as the system pages: reported periods starting in the window.
  const volume = await rateOver(snapshot.db, periodsStartingIn(scope.systemId, scope.from, scope.to));
  const received = await one<{ real: number; gold: number }>(
    `SELECT count(*) FILTER (WHERE gold_item_id IS NULL) AS real, count(*) FILTER (WHERE gold_item_id IS NOT NULL) AS gold FROM escalations
      WHERE system_id = :systemId AND received_at >= :from AND received_at < :to`,
  );
  // The decision in force only: a reopened round's verifications and resolution are superseded (figures.decisionInForceSql).
  const finalOutcome = `coalesce(r.outcome, (SELECT v.outcome FROM verifications v WHERE v.escalation_id = e.id AND ${decisionInForceSql("v")} ORDER BY v.decided_at DESC LIMIT 1))`;
  const decisions = await all<{ outcome: string; n: number }>(
    `SELECT ${finalOutcome} AS outcome, count(*) AS n FROM escalations e LEFT JOIN resolutions r ON r.escalation_id = e.id AND ${decisionInForceSql("r")}
      WHERE e.system_id = :systemId AND e.gold_item_id IS NULL AND e.status = 'decided' AND e.decided_at >= :from AND e.decided_at < :to
      GROUP BY 1 ORDER BY 1`,
  );
  const verificationCount = (
    await one<{ n: number }>("SELECT count(*) AS n FROM verifications WHERE system_id = :systemId AND decided_at >= :from AND decided_at < :to")
  ).n;
  const disputes = await one<{ disputed: number; resolved: number; reopened: number }>(
    // A gold copy's disagreement is a test of its reviewers, not a disagreement about the system's output.
    // A reopened round's dispute is kept on its reopening (the escalation's own disputed_at is the round in force's).
    `SELECT (SELECT count(*) FROM escalations WHERE system_id = :systemId AND gold_item_id IS NULL AND disputed_at >= :from AND disputed_at < :to)
            + (SELECT count(*) FROM reopenings o JOIN escalations e ON e.id = o.escalation_id
                WHERE e.system_id = :systemId AND o.previous_disputed_at >= :from AND o.previous_disputed_at < :to) AS disputed,
            (SELECT count(*) FROM reopenings o JOIN escalations e ON e.id = o.escalation_id
              WHERE e.system_id = :systemId AND o.reopened_at >= :from AND o.reopened_at < :to) AS reopened,
            (SELECT count(*) FROM resolutions r JOIN escalations e ON e.id = r.escalation_id
              WHERE e.system_id = :systemId AND e.gold_item_id IS NULL AND r.resolved_at >= :from AND r.resolved_at < :to) AS resolved`,
  );
  const quantile = async (q: number) =>
    verificationCount === 0
      ? null
      : ((await statement(
          db,
          `SELECT active_seconds FROM verifications WHERE system_id = :systemId AND decided_at >= :from AND decided_at < :to
              ORDER BY active_seconds LIMIT 1 OFFSET :offset`,
        ).value<number>({ ...p, offset: quantileRank(q, verificationCount)! - 1 })) ?? null);
  const timeOnTask = {
    verifications: verificationCount,
    p10: await quantile(0.1),
    median: await quantile(0.5),
    p90: await quantile(0.9),
    max: await quantile(1),
    buckets: (
      await all<{ bucket: string; n: number }>(
      `SELECT CASE WHEN active_seconds < 10 THEN 'under 10 s' WHEN active_seconds < 30 THEN '10–30 s' WHEN active_seconds < 60 THEN '30–60 s'
                   WHEN active_seconds < 120 THEN '1–2 min' WHEN active_seconds < 300 THEN '2–5 min' ELSE '5 min or more' END AS bucket,
              min(active_seconds) AS low, count(*) AS n
         FROM verifications WHERE system_id = :systemId AND decided_at >= :from AND decided_at < :to GROUP BY 1 ORDER BY low`,
      )
    ).map(({ bucket, n }) => ({ bucket, n })),
  };
  // The mean is taken here from the exact total: both engines then state the same number.
  const reviewers = (
    await all<{ reviewerId: string; name: string; verifications: number; approvals: number; overrides: number; goldServed: number; goldCaught: number; activeSeconds: number }>(
      `SELECT v.reviewer_id AS reviewerId, u.name, count(*) AS verifications, count(*) FILTER (WHERE v.outcome = 'approved') AS approvals,
              count(*) FILTER (WHERE v.outcome IN ('modified', 'rejected')) AS overrides, count(v.gold_caught) AS goldServed,
              count(*) FILTER (WHERE v.gold_caught = TRUE) AS goldCaught, CAST(sum(v.active_seconds) AS bigint) AS activeSeconds
         FROM verifications v JOIN users u ON u.id = v.reviewer_id
        WHERE v.system_id = :systemId AND v.decided_at >= :from AND v.decided_at < :to GROUP BY v.reviewer_id, u.name ORDER BY u.name, v.reviewer_id`,
    )
  ).map(({ activeSeconds, ...r }) => ({ ...r, avgActiveSeconds: activeSeconds / r.verifications }));
  const qualifications = (await all<Record<string, unknown>>(
    `SELECT u.name, q.training, q.obtained_at AS obtainedAt, q.expires_at AS expiresAt, q.authority, q.revoked_at AS revokedAt
       FROM qualifications q JOIN users u ON u.id = q.user_id
      WHERE q.system_id = :systemId AND q.obtained_at < :to AND q.expires_at > :from ORDER BY u.name, q.obtained_at, q.id`,
  )).map((q) => ({
    name: q.name as string,
    training: q.training as string,
    obtainedAt: iso(q.obtainedAt as number)!,
    expiresAt: iso(q.expiresAt as number)!,
    authority: JSON.parse(q.authority as string) as string[],
    revokedAt: iso(q.revokedAt as number | null),
  }));
  const gold = reviewers.reduce((sum, r) => ({ served: sum.served + r.goldServed, caught: sum.caught + r.goldCaught }), { served: 0, caught: 0 });
  const stops = await statement(
    db,
    `SELECT seq, at, action, payload FROM audit_log WHERE entity_type = 'ai_system' AND entity_id = ?
        AND action IN ('system.halted', 'system.resumed') AND at >= ? AND at < ? ORDER BY seq`,
  ).all<{ seq: number; at: string; action: string; payload: string }>(scope.systemId, iso(scope.from), iso(scope.to));
  const alerts = await all<{ raisedAt: number; clearedAt: number | null; assumedRate: number; measuredRate: number }>(
    `SELECT raised_at AS raisedAt, cleared_at AS clearedAt, assumed_rate AS assumedRate, measured_rate AS measuredRate
       FROM drift_alerts WHERE system_id = :systemId AND raised_at >= :from AND raised_at < :to ORDER BY raised_at`,
  );
  const effective = (await effectiveRates(snapshot.db, { from: scope.from, to: scope.to, systemId: scope.systemId, thresholds: defaultThresholds }))[0];
  const outcomeCount = (outcome: string) => decisions.find((d) => d.outcome === outcome)?.n ?? 0;
  return {
    system: {
      id: system.id as string,
      slug: system.slug as string,
      name: system.name as string,
      description: system.description as string,
      oversightMode: system.oversight_mode as string,
      state: system.state as string,
      policy,
    },
    period: { from: iso(scope.from)!, to: iso(scope.to)! },
    volume: {
      reportedOutputs: volume.total,
      reportedPeriods: volume.periods,
      escalated: received.real,
      /** Escalations received within the reported periods: the verification rate's numerator. */
      escalatedInReportedPeriods: volume.received,
      goldCopiesServed: received.gold,
      verificationRate: volume.rate.rate,
      /** When more escalations arrived than outputs were reported: the layer conflict, in words. */
      volumeConflict: volume.rate.exceedsReported ? exceedsReportedMessage(volume.rate) : null,
      reviewedShare: effective?.reviewedShare ?? null,
      effectiveVerificationRate: effective?.effectiveRate ?? null,
    },
    decisions: {
      total: decisions.reduce((n, d) => n + d.n, 0),
      approved: outcomeCount("approved"),
      modified: outcomeCount("modified"),
      rejected: outcomeCount("rejected"),
      escalated: outcomeCount("escalated"),
      overrides: outcomeCount("modified") + outcomeCount("rejected"),
      verifications: verificationCount,
      disputed: disputes.disputed,
      resolvedByLead: disputes.resolved,
      /** Decisions reopened for a new review round in the period (Art. 14(4)(d)); their superseded outcomes are not in the counts above. */
      reopened: disputes.reopened,
    },
    timeOnTask,
    gold: { served: gold.served, caught: gold.caught, catchRate: goldCatchRate({ decided: gold.served, caught: gold.caught }) },
    reviewers,
    qualifications,
    stops: stops.map((s) => ({ at: s.at, action: s.action, reason: (JSON.parse(s.payload) as { reason?: string }).reason ?? "" })),
    alerts: alerts.map((a) => ({ raisedAt: iso(a.raisedAt)!, clearedAt: iso(a.clearedAt), assumedRate: a.assumedRate, measuredRate: a.measuredRate })),
  };
}
export type PackFigures = Awaited<ReturnType<typeof packFigures>>;

/** One row per UTC day of the period: what arrived, what was decided and how, and the review time. */
export async function dailySummary(snapshot: Snapshot, scope: PackScope) {
  const d = dialectOf(snapshot.db);
  const p = { systemId: scope.systemId, from: scope.from, to: scope.to };
  const received = await statement(
    snapshot.db,
    `SELECT ${d.utcDay("received_at")} AS day, count(*) FILTER (WHERE gold_item_id IS NULL) AS received,
            count(*) FILTER (WHERE gold_item_id IS NOT NULL) AS gold_copies
       FROM escalations WHERE system_id = :systemId AND received_at >= :from AND received_at < :to GROUP BY 1`,
  ).all<{ day: string; received: number; gold_copies: number }>(p);
  const verified = await statement(
    snapshot.db,
    `SELECT ${d.utcDay("decided_at")} AS day, count(*) AS verifications, count(*) FILTER (WHERE outcome = 'approved') AS approved,
            count(*) FILTER (WHERE outcome = 'modified') AS modified, count(*) FILTER (WHERE outcome = 'rejected') AS rejected,
            count(*) FILTER (WHERE outcome = 'escalated') AS escalated, count(*) FILTER (WHERE gold_caught = TRUE) AS gold_caught,
            CAST(sum(active_seconds) AS bigint) AS active_seconds
       FROM verifications WHERE system_id = :systemId AND decided_at >= :from AND decided_at < :to GROUP BY 1`,
  ).all<{ day: string; verifications: number; approved: number; modified: number; rejected: number; escalated: number; gold_caught: number; active_seconds: number }>(p);
  const days = new Map<string, { received: number; gold_copies: number; v?: (typeof verified)[number] }>();
  for (const r of received) days.set(r.day, { received: r.received, gold_copies: r.gold_copies });
  for (const v of verified) days.set(v.day, { ...(days.get(v.day) ?? { received: 0, gold_copies: 0 }), v });
  return [...days.keys()].sort().map((day) => {
    const { received: inbound, gold_copies, v } = days.get(day)!;
    return {
      date: day,
      received: inbound,
      gold_copies,
      verifications: v?.verifications ?? 0,
      approved: v?.approved ?? 0,
      modified: v?.modified ?? 0,
      rejected: v?.rejected ?? 0,
      escalated: v?.escalated ?? 0,
      overrides: (v?.modified ?? 0) + (v?.rejected ?? 0),
      gold_caught: v?.gold_caught ?? 0,
      mean_active_seconds: v && v.verifications > 0 ? Number((v.active_seconds / v.verifications).toFixed(1)) : null,
    };
  });
}
