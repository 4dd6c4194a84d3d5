// Batch intake (issue 10: at least 0.3x raw inserts): POST /api/v1/escalations/batch with 500 new
// escalations per request (through the app: key, JSON parse, per-item validation, idempotency
// check, row and hash-chained audit entry each, one transaction), against plain INSERTs of the same
// escalation rows into the same table (same indexes), 500 to a transaction, each on a fresh
// database with the same settings, in the same run. On SQLite, or with BENCH_DATABASE_URL on
// PostgreSQL (bench/lib/database.ts).
import { buildApp } from "../src/app";
import { operator, type Deps } from "../src/lib/context";
import { unlimitedLimiterStore } from "../src/lib/rate-limits";
import { issueApiKey } from "../src/modules/systems/api-keys";
import { createSystem } from "../src/modules/systems/create-system";
import { queuedEscalationRow } from "../src/modules/escalations/row";
import { insertsPerTransaction, openBenchDb } from "./lib/database";

const rounds = Number(process.env.BENCH_BATCH_ROUNDS ?? 20);
const size = 500;

async function freshDatabase(name: string) {
  const bench = await openBenchDb(`batch_${name}`);
  const deps: Deps = { db: bench.db, now: () => Date.now() };
  const system = await createSystem(deps, operator, { slug: "batch", name: "Batch", oversightMode: "HOTL" });
  return { bench, db: bench.db, deps, system };
}

let sent = 0;
const item = () => ({
  externalId: `batch-${sent++}`,
  input: `Customer request ${sent}: refund for a damaged item, order total 49.90 EUR.`,
  aiOutput: { decision: "refund", amount: 49.9, currency: "EUR" },
  confidence: 0.6,
  model: "bench-model",
  escalationReason: { code: "low_confidence", explanation: "Below threshold." },
  contextSummary: "Repeat customer, photo attached.",
  evidence: [{ title: "Photo", content: "Cracked item." }],
  traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
});
const batches = Array.from({ length: rounds }, () => Array.from({ length: size }, item));

/**
 * Rows per second of wall time, and the process's CPU time per row: on a machine shared with
 * other work the wall-time ratio swings with the load, the CPU-time ratio much less.
 */
function rowsPerSecond(run: () => void | Promise<void>) {
  return async () => {
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    await run();
    const used = process.cpuUsage(cpu);
    return { rate: (rounds * size) / (Number(process.hrtime.bigint() - start) / 1e9), cpuMicros: (used.user + used.system) / (rounds * size) };
  };
}

// The baseline: the same rows, built beforehand, written by one prepared INSERT each.
const plain = await freshDatabase("raw");
const rows = batches.map((batch) =>
  batch.map(({ traceparent, ...input }) => {
    const row = queuedEscalationRow(plain.system.id, input, Date.now(), { traceparent });
    return { ...row, evidence: JSON.stringify(row.evidence), metadata: null };
  }),
);
const columns = Object.keys(rows[0]![0]!).map((key) => [plain.db._.fullSchema.escalations[key as "id"].name, key] as [string, string]);
const insertAll = insertsPerTransaction(plain.bench, "escalations", columns);
const raw = await rowsPerSecond(async () => {
  for (const batch of rows) await insertAll(batch);
})();

const api = await freshDatabase("api");
const { deps, system } = api;
const { key } = await issueApiKey(deps, operator, system.id);
const app = buildApp(deps, undefined, { limiterStore: unlimitedLimiterStore });
// Serialised beforehand, as the baseline's rows are built beforehand: the client's work is not timed.
const bodies = batches.map((items) => JSON.stringify({ items }));
const viaApi = await rowsPerSecond(async () => {
  for (const body of bodies) {
    const res = await app.request("/api/v1/escalations/batch", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body,
    });
    const result = (await res.json()) as { created: number };
    if (res.status !== 200 || result.created !== size) throw new Error(`batch answered ${res.status}: ${JSON.stringify(result).slice(0, 300)}`);
  }
})();

console.log(`Batch intake, ${rounds} batches × ${size} escalations, ${plain.bench.settings}`);
console.log(`${"raw INSERTs of the same rows, 500 per transaction".padEnd(58)} ${raw.rate.toFixed(0).padStart(9)} rows/s, CPU ${raw.cpuMicros.toFixed(0)} µs/row`);
console.log(
  `${"POST /api/v1/escalations/batch (checks, rows, audit)".padEnd(58)} ${viaApi.rate.toFixed(0).padStart(9)} rows/s ${(viaApi.rate / raw.rate).toFixed(2)}× raw inserts, CPU ${viaApi.cpuMicros.toFixed(0)} µs/row (${(raw.cpuMicros / viaApi.cpuMicros).toFixed(2)}× by CPU time)`,
);
await Promise.all([plain.bench.close(), api.bench.close()]);
