// `pnpm bench`: the cost of the review loop's hot paths, as ratios against a baseline measured
// in the same run on the same machine (one plain INSERT per transaction on the same settings),
// so the figures compare across machines. On SQLite, or with BENCH_DATABASE_URL on PostgreSQL
// (bench/lib/database.ts).
import { Hono } from "hono";
import { buildApp } from "../src/app";
import type { Deps } from "../src/lib/context";
import { operator } from "../src/lib/context";
import { unlimitedLimiterStore } from "../src/lib/rate-limits";
import { createCheckpoint } from "../src/audit/checkpoint";
import { auditTrail } from "../src/modules/audit/trail";
import { verifyAuditLog } from "../src/audit/verify";
import { receiveEscalation } from "../src/modules/escalations/receive";
import { issueApiKey } from "../src/modules/systems/api-keys";
import { claimNext } from "../src/modules/queue/claim";
import { recordHeartbeat } from "../src/modules/queue/heartbeat";
import { decide } from "../src/modules/reviews/decide";
import { createSystem } from "../src/modules/systems/create-system";
import { createUser } from "../src/modules/users/create-user";
import { insertTrail } from "../src/testing/bulk";
import { oneInsertPerTransaction, openBenchDb } from "./lib/database";
import { qualify } from "./lib/qualify";

const n = Number(process.env.BENCH_N ?? 2000);

async function perSecond(count: number, run: () => unknown) {
  const start = process.hrtime.bigint();
  await run();
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function perSecondAsync(count: number, run: () => unknown) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await run();
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

const bench = await openBenchDb("run");
const { db } = bench;
const clock = { now: Date.now() };
const deps: Deps = { db, now: () => clock.now };

const oneRow = await oneInsertPerTransaction(bench);
const baseline = await perSecond(n, async () => {
  for (let i = 0; i < n; i++) await oneRow(`row ${i}`);
});

const system = await createSystem(deps, operator, {
  slug: "bench",
  name: "Bench",
  oversightMode: "HOTL",
  policy: { checklist: [{ id: "ok", text: "Looks right" }], minRationaleChars: 10, minDwellSeconds: 0, leaseMinutes: 15 },
});
const reviewer = await createUser(deps, operator, { email: "bench@example.com", name: "Bench", roles: ["reviewer"] });
await qualify(deps, reviewer.id, [system.id], clock.now);
const body = (i: number) => ({
  externalId: `bench-${i}`,
  input: `Customer request ${i}: refund for a damaged item, order total 49.90 EUR.`,
  aiOutput: { decision: "refund", amount: 49.9, currency: "EUR" },
  confidence: 0.6,
  model: "bench-model",
  escalationReason: { code: "low_confidence", explanation: "Below threshold." },
  contextSummary: "Repeat customer, photo attached.",
  evidence: [{ title: "Photo", content: "Cracked item." }],
});

const intake = await perSecond(n, async () => {
  for (let i = 0; i < n; i++) await receiveEscalation(deps, system.id, body(i));
});
const loop = await perSecond(n, async () => {
  for (let i = 0; i < n; i++) {
    const claim = (await claimNext(deps, reviewer.id))!;
    await decide(deps, reviewer.id, {
      escalationId: claim.escalationId,
      outcome: "approved",
      checklist: { ok: "yes" },
      // Each rationale its own: the review policy refuses near-identical ones.
      rationale: `Checked the photo of item ${i} against order ${i}.`,
    });
  }
});
// The review screen's heartbeat: one guarded UPDATE (active time + lease), no audit entry.
const held = (await receiveEscalation(deps, system.id, body(n))).id;
await claimNext(deps, reviewer.id);
const heartbeats = await perSecond(n, async () => {
  for (let i = 0; i < n; i++) {
    clock.now += 1;
    await recordHeartbeat(deps, reviewer.id, held);
  }
});
const entries = (await verifyAuditLog(db)).entries;

// The stop button's poll: GET /api/v1/system through the whole app (headers, key lookup, state
// read), against a bare Hono route answering constant JSON, both via app.request in-process.
const bare = new Hono().get("/bare", (c) => c.json({ state: "active" }));
// The poll's own allowance (5 a second per key) is lifted so every request is answered, not refused; the limiter still runs.
const app = buildApp(deps, undefined, { limiterStore: unlimitedLimiterStore });
const { key } = await issueApiKey(deps, operator, system.id);
const polls = n * 5;
await perSecondAsync(polls / 10, () => bare.request("/bare")); // warm-up
const bareRoute = await perSecondAsync(polls, () => bare.request("/bare"));
const statePoll = await perSecondAsync(polls, () => app.request("/api/v1/system", { headers: { authorization: `Bearer ${key}` } }));
const verify = await perSecond(entries, () => verifyAuditLog(db));

const rows = [
  ["baseline: one INSERT per transaction", baseline, "rows/s"],
  ["escalation intake (row + idempotency check + audit entry)", intake, "escalations/s"],
  ["claim next + decide (2 transactions, 2 audit entries)", loop, "verifications/s"],
  ["review-screen heartbeat (1 transaction, no audit entry)", heartbeats, "heartbeats/s"],
  ["audit verify (recompute the chain)", verify, "entries/s"],
] as const;
console.log(`Countersign bench, n = ${n}, ${bench.settings}`);
for (const [name, rate, unit] of rows) {
  console.log(`${name.padEnd(58)} ${rate.toFixed(0).padStart(9)} ${unit.padEnd(16)} ${(rate / baseline).toFixed(2)}× baseline`);
}
for (const [name, rate] of [
  ["bare route: constant JSON via app.request", bareRoute],
  ["GET /api/v1/system (key + state lookup)", statePoll],
] as const) {
  const micros = `(${(1e6 / rate).toFixed(0)} µs each)`;
  console.log(`${name.padEnd(58)} ${rate.toFixed(0).padStart(9)} ${"requests/s".padEnd(16)} ${(rate / bareRoute).toFixed(2)}× bare route ${micros}`);
}

// The auditor's trail at volume: BENCH_TRAIL_N escalations (default 200,000; the issue asks for
// 1,000,000) and an audit entry each, bulk-inserted, then lookups by externalId of any system.
const trailN = Number(process.env.BENCH_TRAIL_N ?? 200_000);
const bulkStart = process.hrtime.bigint();
await insertTrail(db, system.id, trailN, clock.now);
await createCheckpoint(db, clock.now);
const bulkSeconds = Number(process.hrtime.bigint() - bulkStart) / 1e9;
const lookups = 200;
const trailRate = await perSecond(lookups, async () => {
  for (let i = 0; i < lookups; i++) {
    const found = (await auditTrail(deps, `bulk-${Math.floor((i * 7919) % trailN)}`)).matches.length;
    if (found !== 1) throw new Error("trail lookup missed");
  }
});
console.log(
  `${"audit trail by externalId, any system".padEnd(58)} ${trailRate.toFixed(0).padStart(9)} ${"lookups/s".padEnd(16)} ` +
    `(${(1000 / trailRate).toFixed(2)} ms each at ${trailN} escalations; bulk insert ${bulkSeconds.toFixed(1)} s)`,
);
await bench.close();
