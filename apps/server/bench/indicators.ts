// The lead's dashboard at scale (issue 3: "fast at 50 reviewers and 1M verifications"):
// BENCH_VERIFICATIONS rows (default 1,000,000) from 50 reviewers over 90 days, bulk-inserted;
// then the whole dashboard for 7- and 30-day windows, against a baseline measured in the same
// run: one indexed count over the same window.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../src/db/client";
import { operator, type Deps } from "../src/lib/context";
import { leadDashboard } from "../src/modules/indicators/dashboard";
import { createSystem } from "../src/modules/systems/create-system";

const total = Number(process.env.BENCH_VERIFICATIONS ?? 1_000_000);
const reviewers = 50;
const days = 90;
const dir = mkdtempSync(join(tmpdir(), "countersign-bench-indicators-"));
const db = openDb(join(dir, "bench.db"));
const now = Date.parse("2026-11-22T12:00:00Z");
const deps: Deps = { db, now: () => now };
const system = createSystem(deps, operator, { slug: "bench", name: "Bench", oversightMode: "HOTL" });

const started = process.hrtime.bigint();
db.$client.transaction(() => {
  const users = db.$client.prepare("INSERT INTO users (id, email, name, password_hash, active, created_at) VALUES (?, ?, ?, 'x', 1, ?)");
  for (let r = 0; r < reviewers; r++) users.run(`usr_bench_${r}`, `r${r}@bench.local`, `Reviewer ${r}`, now);
  // Escalations and one verification each, spread evenly over the days; reviewer 7 rubber-stamps.
  db.$client
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :total - 1)
       INSERT INTO escalations (id, system_id, external_id, request_hash, input_json, ai_output_json, confidence, model,
              reason_code, reason_explanation, context_summary, evidence, priority, priority_rank, status, received_at, decided_at)
       SELECT 'esc_b' || i, :systemId, 'b-' || i, 'h', '"i"', '"o"', (i % 100) / 100.0, 'm', 'low_confidence', 'x', 'x',
              '[{"title":"e"}]', 'normal', 1, 'decided', :start + i * :step, :start + i * :step + 60000 FROM n`,
    )
    .run({ total, systemId: system.id, start: now - days * 86_400_000, step: Math.floor((days * 86_400_000) / total) });
  db.$client
    .prepare(
      `INSERT INTO verifications (id, escalation_id, reviewer_id, claimed_at, decided_at, active_seconds, checklist, rationale,
              outcome, evidence_opened, content_sha256, required_dwell_seconds, rationale_similarity, confidence, system_id, gold_caught)
       SELECT 'ver_' || substr(e.id, 5), e.id, 'usr_bench_' || (rowid % ${reviewers}),
              e.decided_at - 60000, e.decided_at,
              CASE WHEN rowid % ${reviewers} = 7 THEN 21 ELSE 30 + abs(random() % 120) END, '{}', 'r',
              CASE WHEN rowid % ${reviewers} = 7 OR abs(random() % 100) < 30 + e.confidence * 65 THEN 'approved' ELSE 'rejected' END,
              CASE WHEN rowid % ${reviewers} = 7 THEN '[]' ELSE '[0]' END, 'h', 20,
              CASE WHEN rowid % ${reviewers} = 7 THEN 0.8 ELSE abs(random() % 50) / 100.0 END,
              e.confidence, e.system_id, CASE WHEN rowid % 40 = 0 THEN (rowid % ${reviewers} <> 7) END
         FROM escalations e WHERE e.id LIKE 'esc_b%'`,
    )
    .run();
})();
const loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;

function millis(run: () => unknown, times = 3) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < times; i++) run();
  return Number(process.hrtime.bigint() - start) / 1e6 / times;
}

console.log(`Lead dashboard, ${total} verifications by ${reviewers} reviewers over ${days} days (loaded in ${loadSeconds.toFixed(1)} s)`);
for (const windowDays of [7, 30]) {
  const from = now - windowDays * 86_400_000;
  const window = { from: new Date(from).toISOString(), to: new Date(now).toISOString() };
  const rows = db.$client.prepare("SELECT count(*) FROM verifications WHERE decided_at >= ? AND decided_at < ?").pluck();
  const baseline = millis(() => rows.get(from, now));
  const dashboard = millis(() => leadDashboard(deps, window), 2);
  const flagged = leadDashboard(deps, window).reviewers.filter((r) => r.flags.length > 0).map((r) => r.name);
  console.log(
    `${`${windowDays}-day window (${rows.get(from, now)} verifications)`.padEnd(58)} ${dashboard.toFixed(0).padStart(7)} ms ` +
      `${(dashboard / baseline).toFixed(1)}× the indexed count (${baseline.toFixed(1)} ms); flagged: ${flagged.join(", ") || "nobody"}`,
  );
}
db.$client.close();
rmSync(dir, { recursive: true, force: true });
