import { median, zScore, type ReviewerFigures } from "@countersign/shared/indicators";
import type { Db } from "../../db/client";
import { confidenceBands, params, scopedVerifications, type Scope } from "./window";

type Row = Record<string, number | string | null>;
const TEAM = "__team__";

/**
 * Figures per reviewer and for the whole team, each computed by a handful of grouped SQL
 * queries. `groupBy` is the reviewer column, or a constant for the team.
 */
export function reviewerFigures(db: Db, scope: Scope): { team: ReviewerFigures; reviewers: Map<string, ReviewerFigures> } {
  const byReviewer = computeFigures(db, scope, "reviewer_id");
  const team = computeFigures(db, scope, `'${TEAM}'`).get(TEAM) ?? emptyFigures();
  // Each reviewer against their peers: the others with enough decisions (leave-one-out).
  const rated = [...byReviewer.entries()].filter(([, f]) => f.decisions >= scope.thresholds.minDecisions);
  for (const [id, figures] of byReviewer) {
    const peers = rated.filter(([other]) => other !== id).map(([, f]) => f);
    figures.peerMedianActiveSeconds = median(peers.flatMap((f) => (f.medianActiveSeconds === null ? [] : [f.medianActiveSeconds])));
    if (figures.approvalRate === null) continue;
    figures.approvalZ = zScore(figures.approvalRate, peers.flatMap((f) => (f.approvalRate === null ? [] : [f.approvalRate])));
  }
  return { team, reviewers: byReviewer };
}

function computeFigures(db: Db, scope: Scope, groupBy: string): Map<string, ReviewerFigures> {
  const p = params(scope);
  const all = <T extends Row>(query: string) => db.$client.prepare(`WITH ${scopedVerifications} ${query}`).all(p) as T[];

  const totals = all(`
    SELECT ${groupBy} AS who, count(*) AS decisions,
           sum(outcome = 'approved') AS approvals,
           sum(outcome IN ('approved', 'modified', 'rejected')) AS judged,
           sum(outcome = 'approved' AND elapsed <= required_dwell_seconds * 1.15 + 2) AS near_floor,
           sum(outcome = 'approved') AS approvals_for_floor,
           sum(gold_caught IS NOT NULL) AS gold_n, sum(gold_caught = 1) AS gold_caught,
           sum(evidence_count > 0) AS with_evidence, sum(evidence_count > 0 AND opened_count > 0) AS opened,
           sum(rationale_similarity >= :dup) AS duplicates,
           sum(judgement_verdict = 'reject') AS against_ai, sum(switched_to_ai = 1) AS switched,
           sum(attention_correct IS NOT NULL) AS attention_n, sum(attention_correct = 0) AS attention_wrong
      FROM scoped GROUP BY who`);
  const percentiles = all(`
    SELECT who, max(CASE WHEN rn = (cnt + 1) / 2 THEN active_seconds END) AS median,
           max(CASE WHEN rn = max(1, (cnt + 9) / 10) THEN active_seconds END) AS p10
      FROM (SELECT ${groupBy} AS who, active_seconds,
                   row_number() OVER (PARTITION BY ${groupBy} ORDER BY active_seconds) AS rn,
                   count(*) OVER (PARTITION BY ${groupBy}) AS cnt
              FROM scoped)
     GROUP BY who`);
  const streaks = all(`
    SELECT who, max(len) AS streak FROM (
      SELECT who, grp, count(*) AS len FROM (
        SELECT ${groupBy} AS who, reviewer_id, outcome,
               row_number() OVER (PARTITION BY reviewer_id ORDER BY decided_at)
             - row_number() OVER (PARTITION BY reviewer_id, outcome = 'approved' ORDER BY decided_at) AS grp
          FROM scoped)
       WHERE outcome = 'approved' GROUP BY who, reviewer_id, grp)
     GROUP BY who`);
  const bands = all(`
    SELECT ${groupBy} AS who, band, count(*) AS n, sum(outcome = 'approved') AS approvals
      FROM scoped WHERE outcome IN ('approved', 'modified', 'rejected') GROUP BY who, band`);
  // Drift across the working day: each reviewer-day split into its first and second half.
  const drift = all(`
    SELECT who, avg(CASE WHEN rn * 2 <= cnt THEN active_seconds END) AS early,
           avg(CASE WHEN rn * 2 > cnt THEN active_seconds END) AS late
      FROM (SELECT ${groupBy} AS who, active_seconds,
                   row_number() OVER (PARTITION BY reviewer_id, date(decided_at / 1000, 'unixepoch') ORDER BY decided_at) AS rn,
                   count(*) OVER (PARTITION BY reviewer_id, date(decided_at / 1000, 'unixepoch')) AS cnt
              FROM scoped)
     WHERE cnt >= 6 GROUP BY who`);

  const find = <T extends Row>(rows: T[], who: string) => rows.find((r) => r.who === who);
  const share = (part: unknown, whole: unknown) => (Number(whole) > 0 ? Number(part) / Number(whole) : null);
  const result = new Map<string, ReviewerFigures>();
  for (const t of totals) {
    const who = String(t.who);
    const pct = find(percentiles, who);
    const d = find(drift, who);
    result.set(who, {
      decisions: Number(t.decisions),
      medianActiveSeconds: pct?.median === null || pct?.median === undefined ? null : Number(pct.median),
      p10ActiveSeconds: pct?.p10 === null || pct?.p10 === undefined ? null : Number(pct.p10),
      peerMedianActiveSeconds: null,
      nearFloorShare: share(t.near_floor, t.approvals_for_floor),
      approvalRate: share(t.approvals, t.judged),
      approvalZ: null,
      agreementWithAi: share(t.approvals, t.judged),
      goldDecisions: Number(t.gold_n),
      goldCatchRate: share(t.gold_caught, t.gold_n),
      evidenceOpenRate: share(t.opened, t.with_evidence),
      duplicateRationaleRate: share(t.duplicates, t.decisions),
      longestApprovalStreak: Number(find(streaks, who)?.streak ?? 0),
      approvalByConfidence: confidenceBands.map((band, index) => {
        const row = bands.find((b) => b.who === who && Number(b.band) === index);
        return { band, decisions: Number(row?.n ?? 0), approvalRate: row ? share(row.approvals, row.n) : null };
      }),
      judgementsAgainstAi: Number(t.against_ai),
      switchRate: share(t.switched, t.against_ai),
      dayDriftRatio: d && Number(d.early) > 0 && d.late !== null ? Number(d.late) / Number(d.early) : null,
      attentionChecks: Number(t.attention_n),
      attentionWrongShare: share(t.attention_wrong, t.attention_n),
    });
  }
  return result;
}

export function emptyFigures(): ReviewerFigures {
  return {
    decisions: 0,
    medianActiveSeconds: null,
    p10ActiveSeconds: null,
    peerMedianActiveSeconds: null,
    nearFloorShare: null,
    approvalRate: null,
    approvalZ: null,
    agreementWithAi: null,
    goldDecisions: 0,
    goldCatchRate: null,
    evidenceOpenRate: null,
    duplicateRationaleRate: null,
    longestApprovalStreak: 0,
    approvalByConfidence: confidenceBands.map((band) => ({ band, decisions: 0, approvalRate: null })),
    judgementsAgainstAi: 0,
    switchRate: null,
    dayDriftRatio: null,
    attentionChecks: 0,
    attentionWrongShare: null,
  };
}
