import { decisionInForceSql, exceedsReportedMessage, goldCatchRate, quantileRank } from "@countersign/shared/figures";
import { defaultThresholds } from "@countersign/shared/indicators";
import { reviewPolicySchema } from "@countersign/shared/policy";
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
  const client = snapshot.db.$client;
  const p = { systemId: scope.systemId, from: scope.from, to: scope.to };
  const one = <T>(query: string) => client.prepare(query).get(p) as T;
  const all = <T>(query: string) => client.prepare(query).all(p) as T[];

  const system = client.prepare("SELECT * FROM ai_systems WHERE id = ?").get(scope.systemId) as Record<string, unknown>;
  const policy = reviewPolicySchema.parse(JSON.parse(system.policy as string));
  // The same periods and counts as the system pages: reported periods starting in the window.
  const volume = await rateOver(snapshot.db, periodsStartingIn(scope.systemId, scope.from, scope.to));
  const received = one<{ real: number; gold: number }>(
    `SELECT coalesce(sum(gold_item_id IS NULL), 0) AS real, coalesce(sum(gold_item_id IS NOT NULL), 0) AS gold FROM escalations
      WHERE system_id = :systemId AND received_at >= :from AND received_at < :to`,
  );
  // The decision in force only: a reopened round's verifications and resolution are superseded (figures.decisionInForceSql).
  const finalOutcome = `coalesce(r.outcome, (SELECT v.outcome FROM verifications v WHERE v.escalation_id = e.id AND ${decisionInForceSql("v")} ORDER BY v.decided_at DESC LIMIT 1))`;
  const decisions = all<{ outcome: string; n: number }>(
    `SELECT ${finalOutcome} AS outcome, count(*) AS n FROM escalations e LEFT JOIN resolutions r ON r.escalation_id = e.id AND ${decisionInForceSql("r")}
      WHERE e.system_id = :systemId AND e.gold_item_id IS NULL AND e.status = 'decided' AND e.decided_at >= :from AND e.decided_at < :to
      GROUP BY 1 ORDER BY 1`,
  );
  const verificationCount = one<{ n: number }>(
    "SELECT count(*) AS n FROM verifications WHERE system_id = :systemId AND decided_at >= :from AND decided_at < :to",
  ).n;
  const disputes = one<{ disputed: number; resolved: number; reopened: number }>(
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
  const quantile = (q: number) =>
    verificationCount === 0
      ? null
      : (client
          .prepare(
            `SELECT active_seconds FROM verifications WHERE system_id = :systemId AND decided_at >= :from AND decided_at < :to
              ORDER BY active_seconds LIMIT 1 OFFSET :offset`,
          )
          .pluck()
          .get({ ...p, offset: quantileRank(q, verificationCount)! - 1 }) as number);
  const timeOnTask = {
    verifications: verificationCount,
    p10: quantile(0.1),
    median: quantile(0.5),
    p90: quantile(0.9),
    max: quantile(1),
    buckets: all<{ bucket: string; n: number }>(
      `SELECT CASE WHEN active_seconds < 10 THEN 'under 10 s' WHEN active_seconds < 30 THEN '10–30 s' WHEN active_seconds < 60 THEN '30–60 s'
                   WHEN active_seconds < 120 THEN '1–2 min' WHEN active_seconds < 300 THEN '2–5 min' ELSE '5 min or more' END AS bucket,
              min(active_seconds) AS low, count(*) AS n
         FROM verifications WHERE system_id = :systemId AND decided_at >= :from AND decided_at < :to GROUP BY 1 ORDER BY low`,
    ).map(({ bucket, n }) => ({ bucket, n })),
  };
  const reviewers = all<{ reviewerId: string; name: string; verifications: number; approvals: number; overrides: number; goldServed: number; goldCaught: number; avgActiveSeconds: number }>(
    `SELECT v.reviewer_id AS reviewerId, u.name, count(*) AS verifications, sum(v.outcome = 'approved') AS approvals,
            sum(v.outcome IN ('modified', 'rejected')) AS overrides, sum(v.gold_caught IS NOT NULL) AS goldServed,
            coalesce(sum(v.gold_caught = 1), 0) AS goldCaught, avg(v.active_seconds) AS avgActiveSeconds
       FROM verifications v JOIN users u ON u.id = v.reviewer_id
      WHERE v.system_id = :systemId AND v.decided_at >= :from AND v.decided_at < :to GROUP BY v.reviewer_id ORDER BY u.name`,
  );
  const qualifications = all<Record<string, unknown>>(
    `SELECT u.name, q.training, q.obtained_at AS obtainedAt, q.expires_at AS expiresAt, q.authority, q.revoked_at AS revokedAt
       FROM qualifications q JOIN users u ON u.id = q.user_id
      WHERE q.system_id = :systemId AND q.obtained_at < :to AND q.expires_at > :from ORDER BY u.name, q.obtained_at`,
  ).map((q) => ({
    name: q.name as string,
    training: q.training as string,
    obtainedAt: iso(q.obtainedAt as number)!,
    expiresAt: iso(q.expiresAt as number)!,
    authority: JSON.parse(q.authority as string) as string[],
    revokedAt: iso(q.revokedAt as number | null),
  }));
  const gold = reviewers.reduce((sum, r) => ({ served: sum.served + r.goldServed, caught: sum.caught + r.goldCaught }), { served: 0, caught: 0 });
  const stops = client
    .prepare(
      `SELECT seq, at, action, payload FROM audit_log WHERE entity_type = 'ai_system' AND entity_id = ?
          AND action IN ('system.halted', 'system.resumed') AND at >= ? AND at < ? ORDER BY seq`,
    )
    .all(scope.systemId, iso(scope.from), iso(scope.to)) as { seq: number; at: string; action: string; payload: string }[];
  const alerts = all<{ raisedAt: number; clearedAt: number | null; assumedRate: number; measuredRate: number }>(
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
export function dailySummary(snapshot: Snapshot, scope: PackScope) {
  return snapshot.db.$client
    .prepare(
      `WITH days AS (
         SELECT date(received_at / 1000, 'unixepoch') AS day, sum(gold_item_id IS NULL) AS received, sum(gold_item_id IS NOT NULL) AS gold_copies,
                0 AS verifications, 0 AS approved, 0 AS modified, 0 AS rejected, 0 AS escalated, 0 AS gold_caught, 0 AS active_seconds
           FROM escalations WHERE system_id = :systemId AND received_at >= :from AND received_at < :to GROUP BY 1
         UNION ALL
         SELECT date(decided_at / 1000, 'unixepoch'), 0, 0, count(*), sum(outcome = 'approved'), sum(outcome = 'modified'),
                sum(outcome = 'rejected'), sum(outcome = 'escalated'), coalesce(sum(gold_caught = 1), 0), sum(active_seconds)
           FROM verifications WHERE system_id = :systemId AND decided_at >= :from AND decided_at < :to GROUP BY 1)
       SELECT day AS date, sum(received) AS received, sum(gold_copies) AS gold_copies, sum(verifications) AS verifications,
              sum(approved) AS approved, sum(modified) AS modified, sum(rejected) AS rejected, sum(escalated) AS escalated,
              sum(modified) + sum(rejected) AS overrides, sum(gold_caught) AS gold_caught,
              CASE WHEN sum(verifications) > 0 THEN round(1.0 * sum(active_seconds) / sum(verifications), 1) END AS mean_active_seconds
         FROM days GROUP BY day ORDER BY day`,
    )
    .all({ systemId: scope.systemId, from: scope.from, to: scope.to }) as Record<string, string | number | null>[];
}
