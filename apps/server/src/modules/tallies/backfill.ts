import { confidenceBandSql, confidenceBands } from "@countersign/shared/figures";
import { transaction, type Db } from "../../db/client";
import { pgBackfillTalliesSql } from "../../db/pg/tallies-sql";
import { engineOf } from "../../db/transaction";
import { statement } from "../../lib/prepared";
import { dayMs, factBits, lowestDuplicateSimilarity } from "./counts";

const judged = "outcome IN ('approved', 'modified', 'rejected')";
const inOrder = "ORDER BY decided_at, rid";

/** counts.ts factsCode in SQL, over the columns of `facts` below. */
const factsCodeSql = (
  [
    [factBits.approved, "outcome = 'approved'"],
    [factBits.judged, judged],
    [factBits.nearFloor, "outcome = 'approved' AND (decided_at - claimed_at) / 1000.0 <= required_dwell_seconds * 1.15 + 2"],
    [factBits.band, `CASE WHEN ${judged} THEN band ELSE 0 END`],
    [factBits.gold, "gold_caught IS NOT NULL"],
    [factBits.goldCaught, "gold_caught = 1"],
    [factBits.withEvidence, "evidence_count > 0"],
    [factBits.opened, "evidence_count > 0 AND opened_count > 0"],
    [factBits.verdict, "judgement_verdict IS NOT NULL"],
    [factBits.againstAi, "judgement_verdict = 'reject'"],
    [factBits.switched, "switched_to_ai = 1"],
    [factBits.attention, "attention_correct IS NOT NULL"],
    [factBits.attentionWrong, "attention_correct = 0"],
    [factBits.similar, `rationale_similarity >= ${lowestDuplicateSimilarity}`],
  ] as const
)
  .map(([bit, condition]) => `${bit} * coalesce(${condition}, 0)`)
  .join(" + ");

/**
 * verification_tallies counted from every verification in one statement — the same counts as
 * countVerification and DayTally (a test holds the two together). The custom migration that
 * fills the table on an existing database is exactly this text (a test checks that too), and
 * `pnpm bench:data` runs it after its bulk rows. Similarities are written as JSON numbers of 17
 * significant digits, which read back as exactly the stored number (JSON.stringify writes the
 * shortest text that does).
 */
export const backfillTalliesSql = `INSERT INTO verification_tallies (day, system_id, reviewer_id, decisions, approvals, judged, near_floor,
  gold_decided, gold_caught, with_evidence, evidence_opened, verdicts, against_ai, switched_to_ai, attention_checks, attention_wrong,
  bands, active_seconds, approval_sequence, similarities, decided_ms, facts)
WITH facts AS (
  SELECT v.rowid AS rid, v.decided_at / ${dayMs} AS day, v.system_id, v.reviewer_id, v.decided_at, v.claimed_at, v.active_seconds,
         v.outcome, v.required_dwell_seconds, v.gold_caught, json_array_length(v.evidence_opened) AS opened_count,
         coalesce(json_array_length(e.evidence), 0) AS evidence_count, v.rationale_similarity, v.judgement_verdict,
         v.switched_to_ai, v.attention_correct, ${confidenceBandSql("v.confidence")} AS band
    FROM verifications v JOIN escalations e ON e.id = v.escalation_id
),
scoped AS (
  SELECT system_id AS scope, * FROM facts
  UNION ALL
  SELECT '*' AS scope, * FROM facts
)
SELECT day, scope, reviewer_id, count(*), coalesce(sum(outcome = 'approved'), 0), coalesce(sum(${judged}), 0),
       coalesce(sum(outcome = 'approved' AND (decided_at - claimed_at) / 1000.0 <= required_dwell_seconds * 1.15 + 2), 0),
       count(gold_caught), coalesce(sum(gold_caught = 1), 0),
       coalesce(sum(evidence_count > 0), 0), coalesce(sum(evidence_count > 0 AND opened_count > 0), 0),
       count(judgement_verdict), coalesce(sum(judgement_verdict = 'reject'), 0), coalesce(sum(switched_to_ai = 1), 0),
       count(attention_correct), coalesce(sum(attention_correct = 0), 0),
       json_array(${confidenceBands.map((_, band) => `json_array(coalesce(sum(band = ${band} AND ${judged}), 0), coalesce(sum(band = ${band} AND outcome = 'approved'), 0))`).join(", ")}),
       json_group_array(active_seconds ${inOrder}),
       group_concat(CASE WHEN outcome = 'approved' THEN '1' ELSE '0' END, '' ${inOrder}),
       coalesce('[' || group_concat(printf('%!.17g', rationale_similarity), ',' ${inOrder}) FILTER (WHERE rationale_similarity >= ${lowestDuplicateSimilarity}) || ']', '[]'),
       json_group_array(decided_at - day * ${dayMs} ${inOrder}),
       json_group_array(${factsCodeSql} ${inOrder})
  FROM scoped
 GROUP BY day, scope, reviewer_id;`;

/**
 * Counts every verification into verification_tallies afresh (after bulk inserts that bypass
 * decide). PostgreSQL counts with its own words for the same counts (db/pg/tallies-sql.ts).
 */
export async function backfillTallies(db: Db): Promise<void> {
  await transaction(db, async () => {
    await statement(db, "DELETE FROM verification_tallies").run();
    await statement(db, engineOf(db) === "postgres" ? pgBackfillTalliesSql : backfillTalliesSql).run();
  });
}
