import { transaction, type Db } from "../db/client";
import { engineOf } from "../db/transaction";
import { statement } from "../lib/prepared";

/*
 * Bulk rows for scale tests and benchmarks, written in one statement each, far faster than the use
 * cases. On SQLite the rows are written before the returned promise is first awaited (as these
 * were synchronous); on PostgreSQL await it. The engines' texts differ: SQLite counts with a
 * recursive CTE and numbers rows by rowid; PostgreSQL has generate_series, 32-bit integer
 * literals (so the epoch milliseconds are cast to bigint), a random() in [0, 1) and no rowid.
 */

const queuedSqlite = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :count - 1)
       INSERT INTO escalations (id, system_id, external_id, request_hash, input_json, ai_output_json, confidence, model, reason_code,
              reason_explanation, context_summary, evidence, priority, priority_rank, status, received_at)
       SELECT 'esc_' || :prefix || '_' || i, :systemId, :prefix || '-' || i, 'h' || i,
              '"Customer asks for a refund of order ' || i || '."', '{"decision":"refund","amount":39.9}', 0.5 + (i % 40) / 100.0,
              'bulk-model', CASE i % 10 WHEN 0 THEN 'policy_flag' WHEN 1 THEN 'novel_input' ELSE 'low_confidence' END,
              'Below the auto-approve threshold.', 'Repeat customer, photo attached.',
              '[{"title":"Photo","content":"Cracked item."}]',
              CASE i % 20 WHEN 0 THEN 'urgent' WHEN 1 THEN 'high' WHEN 2 THEN 'low' ELSE 'normal' END,
              CASE i % 20 WHEN 0 THEN 3 WHEN 1 THEN 2 WHEN 2 THEN 0 ELSE 1 END,
              'queued', :now - 86400000 + (i * 7919) % 86400000
         FROM n`;

const queuedPostgres = `INSERT INTO escalations (id, system_id, external_id, request_hash, input_json, ai_output_json, confidence, model, reason_code,
              reason_explanation, context_summary, evidence, priority, priority_rank, status, received_at)
       SELECT 'esc_' || CAST(:prefix AS text) || '_' || i, :systemId, CAST(:prefix AS text) || '-' || i, 'h' || i,
              '"Customer asks for a refund of order ' || i || '."', '{"decision":"refund","amount":39.9}', 0.5 + (i % 40) / 100.0,
              'bulk-model', CASE i % 10 WHEN 0 THEN 'policy_flag' WHEN 1 THEN 'novel_input' ELSE 'low_confidence' END,
              'Below the auto-approve threshold.', 'Repeat customer, photo attached.',
              '[{"title":"Photo","content":"Cracked item."}]',
              CASE i % 20 WHEN 0 THEN 'urgent' WHEN 1 THEN 'high' WHEN 2 THEN 'low' ELSE 'normal' END,
              CASE i % 20 WHEN 0 THEN 3 WHEN 1 THEN 2 WHEN 2 THEN 0 ELSE 1 END,
              'queued', CAST(:now AS bigint) - 86400000 + (i * 7919) % 86400000
         FROM generate_series(CAST(0 AS bigint), CAST(:count AS bigint) - 1) AS n(i)`;

/** Queued items spread over the four priorities, three reasons and a day of arrivals; every field a reviewer sees is filled like a received escalation. */
export async function insertQueued(db: Db, systemId: string, count: number, options: { prefix?: string; now?: number } = {}) {
  const values = { count, systemId, prefix: options.prefix ?? "bulk", now: options.now ?? Date.now() };
  if (engineOf(db) === "postgres") await transaction(db, () => statement(db, queuedPostgres).run(values));
  else db.$client.prepare(queuedSqlite).run(values);
}

type History = { systemId: string; count: number; reviewerIds: readonly string[]; days: number; now: number; prefix?: string };

const decidedEscalationsSqlite = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :count - 1)
       INSERT INTO escalations (id, system_id, external_id, request_hash, input_json, ai_output_json, confidence, model,
              reason_code, reason_explanation, context_summary, evidence, priority, priority_rank, status, received_at, decided_at)
       SELECT 'esc_' || :prefix || '_' || i, :systemId, :prefix || '-' || i, 'h', '"i"', '"o"', (i % 100) / 100.0, 'm',
              CASE i % 10 WHEN 0 THEN 'policy_flag' WHEN 1 THEN 'novel_input' ELSE 'low_confidence' END, 'x', 'x',
              '[{"title":"e"}]', 'normal', 1, 'decided', :start + i * :step, :start + i * :step + 60000 FROM n`;

const decidedEscalationsPostgres = `INSERT INTO escalations (id, system_id, external_id, request_hash, input_json, ai_output_json, confidence, model,
              reason_code, reason_explanation, context_summary, evidence, priority, priority_rank, status, received_at, decided_at)
       SELECT 'esc_' || CAST(:prefix AS text) || '_' || i, :systemId, CAST(:prefix AS text) || '-' || i, 'h', '"i"', '"o"', (i % 100) / 100.0, 'm',
              CASE i % 10 WHEN 0 THEN 'policy_flag' WHEN 1 THEN 'novel_input' ELSE 'low_confidence' END, 'x', 'x',
              '[{"title":"e"}]', 'normal', 1, 'decided', CAST(:start AS bigint) + i * CAST(:step AS bigint),
              CAST(:start AS bigint) + i * CAST(:step AS bigint) + 60000
         FROM generate_series(CAST(0 AS bigint), CAST(:count AS bigint) - 1) AS n(i)`;

const verificationsSqlite = (reviewers: number) => `INSERT INTO verifications (id, escalation_id, reviewer_id, claimed_at, decided_at, active_seconds, checklist, rationale,
              outcome, evidence_opened, content_sha256, required_dwell_seconds, rationale_similarity, confidence, system_id, gold_caught)
       SELECT 'ver_' || substr(e.id, 5), e.id, r.id, e.decided_at - 60000, e.decided_at,
              CASE WHEN r.k = 7 THEN 21 ELSE 30 + abs(random() % 120) END, '{}', 'r',
              CASE WHEN r.k = 7 OR abs(random() % 100) < 30 + e.confidence * 65 THEN 'approved' ELSE 'rejected' END,
              CASE WHEN r.k = 7 THEN '[]' ELSE '[0]' END, 'h', 20,
              CASE WHEN r.k = 7 THEN 0.8 ELSE abs(random() % 50) / 100.0 END,
              e.confidence, e.system_id, CASE WHEN e.rowid % 40 = 0 THEN (r.k <> 7) END
         FROM escalations e JOIN bulk_reviewer r ON r.k = e.rowid % ${reviewers}
        WHERE e.system_id = :systemId AND e.id >= 'esc_' || :prefix || '_' AND e.id < 'esc_' || :prefix || '_~'`;

// Each escalation's number is read from its id (esc_<prefix>_<i>), where SQLite uses its rowid.
const verificationsPostgres = `INSERT INTO verifications (id, escalation_id, reviewer_id, claimed_at, decided_at, active_seconds, checklist, rationale,
              outcome, evidence_opened, content_sha256, required_dwell_seconds, rationale_similarity, confidence, system_id, gold_caught)
       SELECT 'ver_' || substr(e.id, 5), e.id, r.id, e.decided_at - 60000, e.decided_at,
              CASE WHEN r.k = 7 THEN 21 ELSE 30 + floor(random() * 120)::integer END, '{}', 'r',
              CASE WHEN r.k = 7 OR random() * 100 < 30 + e.confidence * 65 THEN 'approved' ELSE 'rejected' END,
              CASE WHEN r.k = 7 THEN '[]' ELSE '[0]' END, 'h', 20,
              CASE WHEN r.k = 7 THEN 0.8 ELSE floor(random() * 50) / 100.0 END,
              e.confidence, e.system_id, CASE WHEN e.n % 40 = 0 THEN (r.k <> 7) END
         FROM (SELECT e.*, CAST(substr(e.id, length(CAST(:idPrefix AS text)) + 1) AS bigint) AS n FROM escalations e
                WHERE e.system_id = :systemId AND left(e.id, length(CAST(:idPrefix AS text))) = :idPrefix) e
         JOIN (SELECT value AS id, ordinality - 1 AS k FROM jsonb_array_elements_text(CAST(:reviewerIds AS jsonb)) WITH ORDINALITY) r
           ON r.k = e.n % jsonb_array_length(CAST(:reviewerIds AS jsonb))`;

/**
 * A decided history: `count` escalations spread evenly over the last `days`, each with one
 * verification by one of the reviewers in turn, in two statements. The reviewer at index 7
 * rubber-stamps (short dwell, no evidence opened, similar rationales, always approves) so that the
 * lead's indicators have someone to flag. No audit entries: the log of bulk rows is not a chain.
 */
export async function insertDecided(db: Db, history: History) {
  const { systemId, count, reviewerIds, days, now } = history;
  const prefix = history.prefix ?? "hist";
  const escalations = { count, prefix, systemId, start: now - days * 86_400_000, step: Math.floor((days * 86_400_000) / count) };
  if (engineOf(db) === "postgres") {
    await transaction(db, async () => {
      await statement(db, decidedEscalationsPostgres).run(escalations);
      await statement(db, verificationsPostgres).run({ systemId, idPrefix: `esc_${prefix}_`, reviewerIds: JSON.stringify(reviewerIds) });
    });
    return;
  }
  db.$client.exec("CREATE TEMP TABLE IF NOT EXISTS bulk_reviewer (k INTEGER PRIMARY KEY, id TEXT NOT NULL); DELETE FROM bulk_reviewer");
  const reviewer = db.$client.prepare("INSERT INTO bulk_reviewer (k, id) VALUES (?, ?)");
  reviewerIds.forEach((id, k) => reviewer.run(k, id));
  db.$client.prepare(decidedEscalationsSqlite).run(escalations);
  db.$client.prepare(verificationsSqlite(reviewerIds.length)).run({ systemId, prefix });
}

const trailEscalationsSqlite = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :count - 1)
       INSERT INTO escalations (id, system_id, external_id, request_hash, input_json, ai_output_json, confidence, model, reason_code,
              reason_explanation, context_summary, priority, priority_rank, status, received_at, decided_at)
       SELECT 'esc_bulk_' || i, :systemId, 'bulk-' || i, 'h', '"input"', '"output"', 0.5, 'm', 'low_confidence', 'Below.', 'Summary',
              'normal', 1, 'decided', :now + i, :now + i FROM n`;

const trailEntriesSqlite = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :count - 1)
       INSERT INTO audit_log (seq, at, actor_type, actor_id, action, entity_type, entity_id, payload, prev_hash, hash)
       SELECT :first + i, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'ai_system', :systemId, 'escalation.received', 'escalation',
              'esc_bulk_' || i, '{}', printf('%064d', i), printf('%064d', i + 1) FROM n`;

const trailEscalationsPostgres = `INSERT INTO escalations (id, system_id, external_id, request_hash, input_json, ai_output_json, confidence, model, reason_code,
              reason_explanation, context_summary, priority, priority_rank, status, received_at, decided_at)
       SELECT 'esc_bulk_' || i, :systemId, 'bulk-' || i, 'h', '"input"', '"output"', 0.5, 'm', 'low_confidence', 'Below.', 'Summary',
              'normal', 1, 'decided', CAST(:now AS bigint) + i, CAST(:now AS bigint) + i
         FROM generate_series(CAST(0 AS bigint), CAST(:count AS bigint) - 1) AS n(i)`;

const trailEntriesPostgres = `INSERT INTO audit_log (seq, at, actor_type, actor_id, action, entity_type, entity_id, payload, prev_hash, hash)
       SELECT CAST(:first AS bigint) + i, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'ai_system', :systemId,
              'escalation.received', 'escalation', 'esc_bulk_' || i, '{}', lpad(i::text, 64, '0'), lpad((i + 1)::text, 64, '0')
         FROM generate_series(CAST(0 AS bigint), CAST(:count AS bigint) - 1) AS n(i)`;

/**
 * The auditor's trail at volume: `count` decided escalations (externalIds bulk-0, bulk-1, …) and an
 * audit entry each, in one transaction. The entries' hashes are placeholders, not a chain.
 */
export async function insertTrail(db: Db, systemId: string, count: number, now: number) {
  const postgres = engineOf(db) === "postgres";
  await transaction(db, async () => {
    const first = ((await statement(db, "SELECT max(seq) FROM audit_log").value<number>()) ?? 0) + 1;
    await statement(db, postgres ? trailEscalationsPostgres : trailEscalationsSqlite).run({ count, systemId, now });
    await statement(db, postgres ? trailEntriesPostgres : trailEntriesSqlite).run({ count, systemId, first });
  });
}

/**
 * After a bulk load, the statistics the server's planner would have. On SQLite none: the server
 * never gathers them, so a scale test must pass without. On PostgreSQL what autovacuum does after
 * one, without waiting for it: fresh statistics, and the pages marked all-visible so that an
 * index-only scan reads no row. VACUUM cannot run in a transaction: it goes to the pool itself.
 */
export async function analyzeLikeProduction(db: Db) {
  if (engineOf(db) === "postgres") await (db.$client as unknown as { query(text: string): Promise<unknown> }).query("VACUUM ANALYZE");
}
