-- Custom SQL migration: counts verification_tallies again with each verification's instant and facts
-- (decided_ms, facts: a window's partial first and last day are counted from the tallies, not the rows);
-- the same statement as apps/server/src/modules/tallies/backfill.ts (a test keeps them equal).
DELETE FROM verification_tallies;--> statement-breakpoint
INSERT INTO verification_tallies (day, system_id, reviewer_id, decisions, approvals, judged, near_floor,
  gold_decided, gold_caught, with_evidence, evidence_opened, verdicts, against_ai, switched_to_ai, attention_checks, attention_wrong,
  bands, active_seconds, approval_sequence, similarities, decided_ms, facts)
WITH facts AS (
  SELECT v.rowid AS rid, v.decided_at / 86400000 AS day, v.system_id, v.reviewer_id, v.decided_at, v.claimed_at, v.active_seconds,
         v.outcome, v.required_dwell_seconds, v.gold_caught, json_array_length(v.evidence_opened) AS opened_count,
         coalesce(json_array_length(e.evidence), 0) AS evidence_count, v.rationale_similarity, v.judgement_verdict,
         v.switched_to_ai, v.attention_correct, CASE WHEN v.confidence < 0.5 THEN 0 WHEN v.confidence < 0.7 THEN 1 WHEN v.confidence < 0.85 THEN 2 ELSE 3 END AS band
    FROM verifications v JOIN escalations e ON e.id = v.escalation_id
),
scoped AS (
  SELECT system_id AS scope, * FROM facts
  UNION ALL
  SELECT '*' AS scope, * FROM facts
)
SELECT day, scope, reviewer_id, count(*), coalesce(sum(outcome = 'approved'), 0), coalesce(sum(outcome IN ('approved', 'modified', 'rejected')), 0),
       coalesce(sum(outcome = 'approved' AND (decided_at - claimed_at) / 1000.0 <= required_dwell_seconds * 1.15 + 2), 0),
       count(gold_caught), coalesce(sum(gold_caught = 1), 0),
       coalesce(sum(evidence_count > 0), 0), coalesce(sum(evidence_count > 0 AND opened_count > 0), 0),
       count(judgement_verdict), coalesce(sum(judgement_verdict = 'reject'), 0), coalesce(sum(switched_to_ai = 1), 0),
       count(attention_correct), coalesce(sum(attention_correct = 0), 0),
       json_array(json_array(coalesce(sum(band = 0 AND outcome IN ('approved', 'modified', 'rejected')), 0), coalesce(sum(band = 0 AND outcome = 'approved'), 0)), json_array(coalesce(sum(band = 1 AND outcome IN ('approved', 'modified', 'rejected')), 0), coalesce(sum(band = 1 AND outcome = 'approved'), 0)), json_array(coalesce(sum(band = 2 AND outcome IN ('approved', 'modified', 'rejected')), 0), coalesce(sum(band = 2 AND outcome = 'approved'), 0)), json_array(coalesce(sum(band = 3 AND outcome IN ('approved', 'modified', 'rejected')), 0), coalesce(sum(band = 3 AND outcome = 'approved'), 0))),
       json_group_array(active_seconds ORDER BY decided_at, rid),
       group_concat(CASE WHEN outcome = 'approved' THEN '1' ELSE '0' END, '' ORDER BY decided_at, rid),
       coalesce('[' || group_concat(printf('%!.17g', rationale_similarity), ',' ORDER BY decided_at, rid) FILTER (WHERE rationale_similarity >= 0.3) || ']', '[]'),
       json_group_array(decided_at - day * 86400000 ORDER BY decided_at, rid),
       json_group_array(1 * coalesce(outcome = 'approved', 0) + 2 * coalesce(outcome IN ('approved', 'modified', 'rejected'), 0) + 4 * coalesce(outcome = 'approved' AND (decided_at - claimed_at) / 1000.0 <= required_dwell_seconds * 1.15 + 2, 0) + 8 * coalesce(CASE WHEN outcome IN ('approved', 'modified', 'rejected') THEN band ELSE 0 END, 0) + 32 * coalesce(gold_caught IS NOT NULL, 0) + 64 * coalesce(gold_caught = 1, 0) + 128 * coalesce(evidence_count > 0, 0) + 256 * coalesce(evidence_count > 0 AND opened_count > 0, 0) + 512 * coalesce(judgement_verdict IS NOT NULL, 0) + 1024 * coalesce(judgement_verdict = 'reject', 0) + 2048 * coalesce(switched_to_ai = 1, 0) + 4096 * coalesce(attention_correct IS NOT NULL, 0) + 8192 * coalesce(attention_correct = 0, 0) + 16384 * coalesce(rationale_similarity >= 0.3, 0) ORDER BY decided_at, rid)
  FROM scoped
 GROUP BY day, scope, reviewer_id;
