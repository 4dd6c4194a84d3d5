import type { Db } from "../db/client";

/**
 * Bulk rows for scale tests and benchmarks, written in one statement each (a recursive CTE), far
 * faster than the use cases. Queued items spread over the four priorities, three reasons and a day of arrivals;
 * every field a reviewer sees is filled like a received escalation.
 */
export function insertQueued(db: Db, systemId: string, count: number, options: { prefix?: string; now?: number } = {}) {
  const prefix = options.prefix ?? "bulk";
  const now = options.now ?? Date.now();
  db.$client
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :count - 1)
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
         FROM n`,
    )
    .run({ count, systemId, prefix, now });
}

type History = { systemId: string; count: number; reviewerIds: readonly string[]; days: number; now: number; prefix?: string };

/**
 * A decided history: `count` escalations spread evenly over the last `days`, each with one
 * verification by one of the reviewers in turn, in two statements. The reviewer at index 7
 * rubber-stamps (short dwell, no evidence opened, similar rationales, always approves) so that the
 * lead's indicators have someone to flag. No audit entries: the log of bulk rows is not a chain.
 */
export function insertDecided(db: Db, history: History) {
  const { systemId, count, reviewerIds, days, now } = history;
  const prefix = history.prefix ?? "hist";
  const reviewers = reviewerIds.length;
  db.$client.exec("CREATE TEMP TABLE IF NOT EXISTS bulk_reviewer (k INTEGER PRIMARY KEY, id TEXT NOT NULL); DELETE FROM bulk_reviewer");
  const reviewer = db.$client.prepare("INSERT INTO bulk_reviewer (k, id) VALUES (?, ?)");
  reviewerIds.forEach((id, k) => reviewer.run(k, id));
  db.$client
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :count - 1)
       INSERT INTO escalations (id, system_id, external_id, request_hash, input_json, ai_output_json, confidence, model,
              reason_code, reason_explanation, context_summary, evidence, priority, priority_rank, status, received_at, decided_at)
       SELECT 'esc_' || :prefix || '_' || i, :systemId, :prefix || '-' || i, 'h', '"i"', '"o"', (i % 100) / 100.0, 'm',
              CASE i % 10 WHEN 0 THEN 'policy_flag' WHEN 1 THEN 'novel_input' ELSE 'low_confidence' END, 'x', 'x',
              '[{"title":"e"}]', 'normal', 1, 'decided', :start + i * :step, :start + i * :step + 60000 FROM n`,
    )
    .run({ count, prefix, systemId, start: now - days * 86_400_000, step: Math.floor((days * 86_400_000) / count) });
  db.$client
    .prepare(
      `INSERT INTO verifications (id, escalation_id, reviewer_id, claimed_at, decided_at, active_seconds, checklist, rationale,
              outcome, evidence_opened, content_sha256, required_dwell_seconds, rationale_similarity, confidence, system_id, gold_caught)
       SELECT 'ver_' || substr(e.id, 5), e.id, r.id, e.decided_at - 60000, e.decided_at,
              CASE WHEN r.k = 7 THEN 21 ELSE 30 + abs(random() % 120) END, '{}', 'r',
              CASE WHEN r.k = 7 OR abs(random() % 100) < 30 + e.confidence * 65 THEN 'approved' ELSE 'rejected' END,
              CASE WHEN r.k = 7 THEN '[]' ELSE '[0]' END, 'h', 20,
              CASE WHEN r.k = 7 THEN 0.8 ELSE abs(random() % 50) / 100.0 END,
              e.confidence, e.system_id, CASE WHEN e.rowid % 40 = 0 THEN (r.k <> 7) END
         FROM escalations e JOIN bulk_reviewer r ON r.k = e.rowid % ${reviewers}
        WHERE e.system_id = :systemId AND e.id >= 'esc_' || :prefix || '_' AND e.id < 'esc_' || :prefix || '_~'`,
    )
    .run({ systemId, prefix });
}
