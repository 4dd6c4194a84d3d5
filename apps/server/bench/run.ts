// `pnpm bench`: the cost of the review loop's hot paths, as ratios against a baseline measured
// in the same run on the same machine (one plain INSERT per transaction on the same settings),
// so the figures compare across machines.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { buildApp } from "../src/app";
import { openDb } from "../src/db/client";
import type { Deps } from "../src/lib/context";
import { operator } from "../src/lib/context";
import { verifyAuditLog } from "../src/modules/audit/verify";
import { receiveEscalation } from "../src/modules/escalations/receive";
import { issueApiKey } from "../src/modules/systems/api-keys";
import { claimNext } from "../src/modules/queue/claim";
import { decide } from "../src/modules/reviews/decide";
import { createSystem } from "../src/modules/systems/create-system";
import { createUser } from "../src/modules/users/create-user";
import { grantQualification } from "../src/modules/qualifications/grant";

const n = Number(process.env.BENCH_N ?? 2000);
const dir = mkdtempSync(join(tmpdir(), "countersign-bench-"));

function perSecond(count: number, run: () => void) {
  const start = process.hrtime.bigint();
  run();
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function perSecondAsync(count: number, run: () => unknown) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await run();
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

const db = openDb(join(dir, "bench.db"));
const clock = { now: Date.now() };
const deps: Deps = { db, now: () => clock.now };

db.$client.exec("CREATE TABLE baseline (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
const insert = db.$client.prepare("INSERT INTO baseline (body) VALUES (?)");
const oneRow = db.$client.transaction((body: string) => insert.run(body));
const baseline = perSecond(n, () => {
  for (let i = 0; i < n; i++) oneRow(`row ${i}`);
});

const system = createSystem(deps, operator, {
  slug: "bench",
  name: "Bench",
  oversightMode: "HOTL",
  policy: { checklist: [{ id: "ok", text: "Looks right" }], minRationaleChars: 10, minDwellSeconds: 0, leaseMinutes: 15 },
});
const reviewer = createUser(deps, operator, { email: "bench@example.com", name: "Bench", roles: ["reviewer"] });
grantQualification(deps, operator, {
  userId: reviewer.id,
  systemId: system.id,
  training: "Bench training",
  obtainedAt: new Date(clock.now).toISOString(),
  expiresAt: new Date(clock.now + 365 * 86_400_000).toISOString(),
  authority: ["review", "override"],
});
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

const intake = perSecond(n, () => {
  for (let i = 0; i < n; i++) receiveEscalation(deps, system.id, body(i));
});
const loop = perSecond(n, () => {
  for (let i = 0; i < n; i++) {
    const claim = claimNext(deps, reviewer.id)!;
    decide(deps, reviewer.id, {
      escalationId: claim.escalationId,
      outcome: "approved",
      checklist: { ok: "yes" },
      // Each rationale its own: the review policy refuses near-identical ones.
      rationale: `Checked the photo of item ${i} against order ${i}.`,
      activeSeconds: 1,
    });
  }
});
const entries = verifyAuditLog(db).entries;

// The stop button's poll: GET /api/v1/system through the whole app (headers, key lookup, state
// read), against a bare Hono route answering constant JSON, both via app.request in-process.
const bare = new Hono().get("/bare", (c) => c.json({ state: "active" }));
const app = buildApp(deps);
const { key } = issueApiKey(deps, operator, system.id);
const polls = n * 5;
await perSecondAsync(polls / 10, () => bare.request("/bare")); // warm-up
const bareRoute = await perSecondAsync(polls, () => bare.request("/bare"));
const statePoll = await perSecondAsync(polls, () => app.request("/api/v1/system", { headers: { authorization: `Bearer ${key}` } }));
const verify = perSecond(entries, () => verifyAuditLog(db));

const rows = [
  ["baseline: one INSERT per transaction", baseline, "rows/s"],
  ["escalation intake (row + idempotency check + audit entry)", intake, "escalations/s"],
  ["claim next + decide (2 transactions, 2 audit entries)", loop, "verifications/s"],
  ["audit verify (recompute the chain)", verify, "entries/s"],
] as const;
console.log(`Countersign bench, n = ${n}, SQLite WAL synchronous=FULL, ${dir}`);
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
db.$client.close();
rmSync(dir, { recursive: true, force: true });
