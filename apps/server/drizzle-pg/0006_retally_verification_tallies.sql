-- Custom SQL migration: counts verification_tallies afresh, now with each verification's decision
-- instant and facts (as SQLite's 0029 does; the same statement as apps/server/src/db/pg/tallies-sql.ts,
-- a test keeps them equal).
DELETE FROM verification_tallies;
--> statement-breakpoint
INSERT INTO verification_tallies (day, system_id, reviewer_id, decisions, approvals, judged, near_floor,
  gold_decided, gold_caught, with_evidence, evidence_opened, verdicts, against_ai, switched_to_ai, attention_checks, attention_wrong,
  bands, active_seconds, approval_sequence, similarities, decided_ms, facts)
WITH facts AS (
  SELECT v.id AS rid, v.decided_at / 86400000 AS day, v.system_id, v.reviewer_id, v.decided_at, v.claimed_at, v.active_seconds,
         v.outcome, v.required_dwell_seconds, v.gold_caught, CASE WHEN json_typeof(v.evidence_opened::json) = 'array' THEN json_array_length(v.evidence_opened::json) ELSE 0 END AS opened_count,
         coalesce(CASE WHEN json_typeof(e.evidence::json) = 'array' THEN json_array_length(e.evidence::json) ELSE 0 END, 0) AS evidence_count, v.rationale_similarity, v.judgement_verdict,
         v.switched_to_ai, v.attention_correct, CASE WHEN v.confidence < 0.5 THEN 0 WHEN v.confidence < 0.7 THEN 1 WHEN v.confidence < 0.85 THEN 2 ELSE 3 END AS band
    FROM verifications v JOIN escalations e ON e.id = v.escalation_id
),
scoped AS (
  SELECT system_id AS scope, * FROM facts
  UNION ALL
  SELECT '*' AS scope, * FROM facts
)
SELECT day, scope, reviewer_id, count(*), count(*) FILTER (WHERE outcome = 'approved'), count(*) FILTER (WHERE outcome IN ('approved', 'modified', 'rejected')),
       count(*) FILTER (WHERE outcome = 'approved' AND (decided_at - claimed_at)::float8 / 1000 <= required_dwell_seconds * 1.15::float8 + 2),
       count(gold_caught), count(*) FILTER (WHERE gold_caught),
       count(*) FILTER (WHERE evidence_count > 0), count(*) FILTER (WHERE evidence_count > 0 AND opened_count > 0),
       count(judgement_verdict), count(*) FILTER (WHERE judgement_verdict = 'reject'), count(*) FILTER (WHERE switched_to_ai),
       count(attention_correct), count(*) FILTER (WHERE NOT attention_correct),
       json_build_array(json_build_array(count(*) FILTER (WHERE band = 0 AND outcome IN ('approved', 'modified', 'rejected')), count(*) FILTER (WHERE band = 0 AND outcome = 'approved')), json_build_array(count(*) FILTER (WHERE band = 1 AND outcome IN ('approved', 'modified', 'rejected')), count(*) FILTER (WHERE band = 1 AND outcome = 'approved')), json_build_array(count(*) FILTER (WHERE band = 2 AND outcome IN ('approved', 'modified', 'rejected')), count(*) FILTER (WHERE band = 2 AND outcome = 'approved')), json_build_array(count(*) FILTER (WHERE band = 3 AND outcome IN ('approved', 'modified', 'rejected')), count(*) FILTER (WHERE band = 3 AND outcome = 'approved')))::text,
       json_agg(active_seconds ORDER BY decided_at, rid)::text,
       string_agg(CASE WHEN outcome = 'approved' THEN '1' ELSE '0' END, '' ORDER BY decided_at, rid),
       coalesce('[' || string_agg(rationale_similarity::text, ',' ORDER BY decided_at, rid) FILTER (WHERE rationale_similarity >= 0.3) || ']', '[]'),
       json_agg(decided_at - day * 86400000 ORDER BY decided_at, rid)::text,
       json_agg(1 * coalesce((outcome = 'approved')::int, 0) + 2 * coalesce((outcome IN ('approved', 'modified', 'rejected'))::int, 0) + 4 * coalesce((outcome = 'approved' AND (decided_at - claimed_at)::float8 / 1000 <= required_dwell_seconds * 1.15::float8 + 2)::int, 0) + 32 * coalesce((gold_caught IS NOT NULL)::int, 0) + 64 * coalesce((gold_caught)::int, 0) + 128 * coalesce((evidence_count > 0)::int, 0) + 256 * coalesce((evidence_count > 0 AND opened_count > 0)::int, 0) + 512 * coalesce((judgement_verdict IS NOT NULL)::int, 0) + 1024 * coalesce((judgement_verdict = 'reject')::int, 0) + 2048 * coalesce((switched_to_ai)::int, 0) + 4096 * coalesce((attention_correct IS NOT NULL)::int, 0) + 8192 * coalesce((NOT attention_correct)::int, 0) + 16384 * coalesce((rationale_similarity >= 0.3)::int, 0) + 8 * coalesce(CASE WHEN outcome IN ('approved', 'modified', 'rejected') THEN band ELSE 0 END, 0) ORDER BY decided_at, rid)::text
  FROM scoped
 GROUP BY day, scope, reviewer_id;
