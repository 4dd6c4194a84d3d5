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
