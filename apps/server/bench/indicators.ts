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
import { insertDecided } from "../src/testing/bulk";

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
  // Reviewer 7 rubber-stamps.
  insertDecided(db, { systemId: system.id, count: total, reviewerIds: Array.from({ length: reviewers }, (_, r) => `usr_bench_${r}`), days, now });
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
