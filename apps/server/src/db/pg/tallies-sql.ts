import { confidenceBandSql, confidenceBands } from "@countersign/shared/figures";

/*
 * The tallies' SQL in PostgreSQL's words: the backfill of verification_tallies (SQLite:
 * modules/tallies/backfill.ts, migrations 0025 and 0029) and the triggers that keep escalation_tallies with
 * their backfill (SQLite: modules/tallies/escalation-triggers.ts, migration 0026). The custom
 * migrations drizzle-pg/0006 (the backfill, re-tallying as SQLite's 0029 does), 0003 (the triggers
 * and their backfill) and 0008 (the statement triggers that replaced three of 0003's) hold exactly
 * this text (a test checks it). db/ imports
 * nothing above it, so what the domain defines (a day, the similarity threshold, the fact bits) is written here again; the db copy
 * test counts a demo's tallies afresh with this SQL on PostgreSQL and compares them with what
 * SQLite kept, which fails when either side's rule changes alone.
 *
 * Differences from SQLite, none of which changes a figure: booleans are `boolean`, so sums of
 * comparisons are `count(*) FILTER (WHERE …)`; JSON is built as jsonb/json and stored as text
 * (`{"12": 3}` rather than `{"12":3}`: the same JSON); PostgreSQL has no rowid, so verifications
 * decided in the same millisecond are ordered by id instead of by insertion; similarities are
 * written by float8's shortest exact text rather than printf's 17 digits (both read back as the
 * stored number).
 */

/** modules/tallies/counts.ts dayMs: a UTC day in milliseconds. */
const day = 86_400_000;
/**
 * Decided within 15% (+2 s) of the minimum dwell, in doubles as counts.ts and SQLite compute it
 * (PostgreSQL's 1.15 and 1000.0 are exact numerics, which count 22 s × 1.15 + 2 = 27.3 s as near
 * the floor where a double does not).
 */
const nearFloor = "outcome = 'approved' AND (decided_at - claimed_at)::float8 / 1000 <= required_dwell_seconds * 1.15::float8 + 2";
/** modules/tallies/day-tally.ts lowestDuplicateSimilarity. */
const lowestDuplicateSimilarity = 0.3;
/** modules/tallies/counts.ts factBits, each with its condition (counts.ts factsCode; the SQLite backfill's factsCodeSql). */
const factsCodeSql = [
  [1, "outcome = 'approved'"],
  [2, "outcome IN ('approved', 'modified', 'rejected')"],
  [4, nearFloor],
  [32, "gold_caught IS NOT NULL"],
  [64, "gold_caught"],
  [128, "evidence_count > 0"],
  [256, "evidence_count > 0 AND opened_count > 0"],
  [512, "judgement_verdict IS NOT NULL"],
  [1024, "judgement_verdict = 'reject'"],
  [2048, "switched_to_ai"],
  [4096, "attention_correct IS NOT NULL"],
  [8192, "NOT attention_correct"],
  [16384, `rationale_similarity >= ${lowestDuplicateSimilarity}`],
]
  .map(([bit, condition]) => `${bit} * coalesce((${condition})::int, 0)`)
  .concat(["8 * coalesce(CASE WHEN outcome IN ('approved', 'modified', 'rejected') THEN band ELSE 0 END, 0)"])
  .join(" + ");

const judged = "outcome IN ('approved', 'modified', 'rejected')";
const inOrder = "ORDER BY decided_at, rid";
/** SQLite's json_array_length is 0 for anything but an array; PostgreSQL's raises. */
const arrayLength = (column: string) => `CASE WHEN json_typeof(${column}::json) = 'array' THEN json_array_length(${column}::json) ELSE 0 END`;

export const pgBackfillTalliesSql = `INSERT INTO verification_tallies (day, system_id, reviewer_id, decisions, approvals, judged, near_floor,
  gold_decided, gold_caught, with_evidence, evidence_opened, verdicts, against_ai, switched_to_ai, attention_checks, attention_wrong,
  bands, active_seconds, approval_sequence, similarities, decided_ms, facts)
WITH facts AS (
  SELECT v.id AS rid, v.decided_at / ${day} AS day, v.system_id, v.reviewer_id, v.decided_at, v.claimed_at, v.active_seconds,
         v.outcome, v.required_dwell_seconds, v.gold_caught, ${arrayLength("v.evidence_opened")} AS opened_count,
         coalesce(${arrayLength("e.evidence")}, 0) AS evidence_count, v.rationale_similarity, v.judgement_verdict,
         v.switched_to_ai, v.attention_correct, ${confidenceBandSql("v.confidence")} AS band
    FROM verifications v JOIN escalations e ON e.id = v.escalation_id
),
scoped AS (
  SELECT system_id AS scope, * FROM facts
  UNION ALL
  SELECT '*' AS scope, * FROM facts
)
SELECT day, scope, reviewer_id, count(*), count(*) FILTER (WHERE outcome = 'approved'), count(*) FILTER (WHERE ${judged}),
       count(*) FILTER (WHERE ${nearFloor}),
       count(gold_caught), count(*) FILTER (WHERE gold_caught),
       count(*) FILTER (WHERE evidence_count > 0), count(*) FILTER (WHERE evidence_count > 0 AND opened_count > 0),
       count(judgement_verdict), count(*) FILTER (WHERE judgement_verdict = 'reject'), count(*) FILTER (WHERE switched_to_ai),
       count(attention_correct), count(*) FILTER (WHERE NOT attention_correct),
       json_build_array(${confidenceBands.map((_, band) => `json_build_array(count(*) FILTER (WHERE band = ${band} AND ${judged}), count(*) FILTER (WHERE band = ${band} AND outcome = 'approved'))`).join(", ")})::text,
       json_agg(active_seconds ${inOrder})::text,
       string_agg(CASE WHEN outcome = 'approved' THEN '1' ELSE '0' END, '' ${inOrder}),
       coalesce('[' || string_agg(rationale_similarity::text, ',' ${inOrder}) FILTER (WHERE rationale_similarity >= ${lowestDuplicateSimilarity}) || ']', '[]'),
       json_agg(decided_at - day * ${day} ${inOrder})::text,
       json_agg(${factsCodeSql} ${inOrder})::text
  FROM scoped
 GROUP BY day, scope, reviewer_id;`;

type Row = "NEW" | "OLD";
/** 1 while the verification's decision is in force (figures.decisionInForceSql), else 0. */
const inForce = (row: Row) => `(${row}.superseded_at IS NULL)::int`;
const ofEscalation = (row: Row) =>
  `(system_id, day, reason_code, model) = (SELECT e.system_id, e.received_at / ${day}, e.reason_code, e.model FROM escalations e
     WHERE e.id = ${row}.escalation_id AND e.gold_item_id IS NULL)`;
const decisions = (row: Row, sign: "+" | "-", when: string) =>
  `decisions = decisions ${sign} ${when}, approved = approved ${sign} (${row}.outcome = 'approved')::int * ${when},
       overridden = overridden ${sign} (${row}.outcome IN ('modified', 'rejected'))::int * ${when}, escalated_further = escalated_further ${sign} (${row}.outcome = 'escalated')::int * ${when}`;

/** A trigger's function: PL/pgSQL that runs `body` and returns nothing (an AFTER trigger). */
const triggerFunction = (name: string, body: string) => `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${body}
  RETURN NULL;
END;
$$;`;

/** A row trigger and its function, both named `name`: PL/pgSQL runs the body, the trigger says when. */
const rowTrigger = (name: string, event: string, when: string, body: string) => [
  triggerFunction(name, body),
  `CREATE TRIGGER ${name} AFTER ${event} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION ${name}();`,
];

/**
 * A statement trigger and its function, both named `name`: once per statement, over every row it
 * wrote (the transition table `added`, or `removed` for a delete), so a bulk insert updates each tally once per group rather
 * than once per row. Statement triggers take no WHEN: the body filters.
 */
const statementTrigger = (name: string, event: string, rows: "NEW TABLE AS added" | "OLD TABLE AS removed", body: string) => [
  triggerFunction(name, body),
  `CREATE TRIGGER ${name} AFTER ${event} REFERENCING ${rows} FOR EACH STATEMENT EXECUTE FUNCTION ${name}();`,
];

/** Verifications of `from` counted per tally (and per active seconds, then summed): the backfill's and the statement triggers' one counting. */
const verifiedCounts = (from: string) => `by_seconds AS (
  SELECT e.received_at / ${day} AS day, e.system_id, e.reason_code, e.model, v.active_seconds, count(*) AS n, count(*) FILTER (WHERE v.superseded_at IS NULL) AS decisions,
         count(*) FILTER (WHERE v.outcome = 'approved' AND v.superseded_at IS NULL) AS approved,
         count(*) FILTER (WHERE v.outcome IN ('modified', 'rejected') AND v.superseded_at IS NULL) AS overridden,
         count(*) FILTER (WHERE v.outcome = 'escalated' AND v.superseded_at IS NULL) AS escalated_further
    FROM ${from} v JOIN escalations e ON e.id = v.escalation_id WHERE e.gold_item_id IS NULL GROUP BY 1, 2, 3, 4, 5
), verified AS (
  SELECT day, system_id, reason_code, model, sum(n) AS verifications, sum(decisions) AS decisions, sum(approved) AS approved, sum(overridden) AS overridden,
         sum(escalated_further) AS escalated_further, jsonb_object_agg(active_seconds::text, n)::text AS active_seconds
    FROM by_seconds GROUP BY 1, 2, 3, 4
)`;

/** Adds (or takes away) the counted verifications, each active-seconds count by its key. */
const applyVerified = (rows: "added" | "removed", sign: "+" | "-") => `WITH ${verifiedCounts(rows)}
  UPDATE escalation_tallies t SET verifications = t.verifications ${sign} c.verifications, decisions = t.decisions ${sign} c.decisions, approved = t.approved ${sign} c.approved,
         overridden = t.overridden ${sign} c.overridden, escalated_further = t.escalated_further ${sign} c.escalated_further,
         active_seconds = (SELECT (t.active_seconds::jsonb || jsonb_object_agg(s.key, coalesce((t.active_seconds::jsonb ->> s.key)::bigint, 0) ${sign} s.value::bigint))::text
                             FROM jsonb_each_text(c.active_seconds::jsonb) s)
    FROM verified c WHERE (t.system_id, t.day, t.reason_code, t.model) = (c.system_id, c.day, c.reason_code, c.model);`;

/**
 * The triggers that keep escalation_tallies. Inserts and deletes are counted per statement
 * (drizzle-pg/0008, which replaced 0003's row triggers for them: a bulk insert of 100,000
 * escalations updated one tally row 100,000 times in one transaction, in minutes); the changes of
 * status and supersession stay row triggers (0003), as PostgreSQL allows no transition table on a
 * trigger for a column list (UPDATE OF …), and without one every claim would capture its rows.
 */
export const pgEscalationTalliesSql = {
  rowTriggers: [
    ...rowTrigger(
      "escalation_tallies_status",
      "UPDATE OF status ON escalations",
      "NEW.gold_item_id IS NULL AND (OLD.status = 'decided') <> (NEW.status = 'decided')",
      `UPDATE escalation_tallies SET decided = decided + (NEW.status = 'decided')::int - (OLD.status = 'decided')::int
   WHERE system_id = NEW.system_id AND day = NEW.received_at / ${day} AND reason_code = NEW.reason_code AND model = NEW.model;`,
    ),
    ...rowTrigger(
      "escalation_tallies_superseded",
      "UPDATE OF superseded_at ON verifications",
      "(OLD.superseded_at IS NULL) <> (NEW.superseded_at IS NULL)",
      `UPDATE escalation_tallies SET ${decisions("NEW", "+", `(${inForce("NEW")} - ${inForce("OLD")})`)} WHERE ${ofEscalation("NEW")};`,
    ),
  ],
  statementTriggers: [
    ...statementTrigger(
      "escalation_tallies_received",
      "INSERT ON escalations",
      "NEW TABLE AS added",
      `INSERT INTO escalation_tallies (day, system_id, reason_code, model, escalations, decided, verifications, decisions, approved, overridden, escalated_further, active_seconds)
  SELECT received_at / ${day}, system_id, reason_code, model, count(*), count(*) FILTER (WHERE status = 'decided'), 0, 0, 0, 0, 0, '{}'
    FROM added WHERE gold_item_id IS NULL GROUP BY 1, 2, 3, 4
  ON CONFLICT (system_id, day, reason_code, model) DO UPDATE SET escalations = escalation_tallies.escalations + EXCLUDED.escalations, decided = escalation_tallies.decided + EXCLUDED.decided;`,
    ),
    ...statementTrigger("escalation_tallies_verified", "INSERT ON verifications", "NEW TABLE AS added", applyVerified("added", "+")),
    ...statementTrigger("escalation_tallies_unverified", "DELETE ON verifications", "OLD TABLE AS removed", applyVerified("removed", "-")),
  ],
  /** Counts escalation_tallies afresh from what exists (the end of drizzle-pg/0003). */
  backfill: `INSERT INTO escalation_tallies (day, system_id, reason_code, model, escalations, decided, verifications, decisions, approved, overridden, escalated_further, active_seconds)
WITH received AS (
  SELECT received_at / ${day} AS day, system_id, reason_code, model, count(*) AS escalations, count(*) FILTER (WHERE status = 'decided') AS decided
    FROM escalations WHERE gold_item_id IS NULL GROUP BY 1, 2, 3, 4
), ${verifiedCounts("verifications")}
SELECT r.day, r.system_id, r.reason_code, r.model, r.escalations, r.decided, coalesce(v.verifications, 0), coalesce(v.decisions, 0), coalesce(v.approved, 0),
       coalesce(v.overridden, 0), coalesce(v.escalated_further, 0), coalesce(v.active_seconds, '{}')
  FROM received r LEFT JOIN verified v ON v.day = r.day AND v.system_id = r.system_id AND v.reason_code = r.reason_code AND v.model = r.model;`,
};
