// `pnpm bench`: /healthz latency while many people sign in at once, as a ratio against /healthz
// latency with nobody signing in, both measured in this run on a real listening server. Checking a
// password is deliberately slow (scrypt, 32 MiB); it must not stall every other request.
import { rmSync } from "node:fs";
import { buildApp } from "../src/app";
import { operator } from "../src/lib/context";
import { createUser } from "../src/modules/users/create-user";
import { listen } from "../src/testing/listen";
import { testDeps } from "../src/testing/fixtures";

const stormSize = Number(process.env.BENCH_STORM ?? 40);
const samples = Number(process.env.BENCH_HEALTHZ_SAMPLES ?? 60);
const password = "correct horse battery staple";

const t = testDeps(Date.now());
for (let i = 0; i < stormSize; i++) await createUser(t.deps, operator, { email: `person${i}@example.com`, name: `Person ${i}`, roles: ["reviewer"] }, password);
// Limits high enough that the storm is hashed, not throttled: this measures the hashing.
const server = await listen(
  buildApp(t.deps, undefined, { signInLimits: { accountAttempts: 1e6, addressAttempts: 1e6, windowSeconds: 60, lockoutSeconds: 1, maxLockoutSeconds: 1 } }),
);

async function healthzMs() {
  const start = process.hrtime.bigint();
  const res = await fetch(`${server.url}/healthz`);
  await res.text();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function latencies(count: number, gapMs: number) {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(await healthzMs());
    await new Promise((done) => setTimeout(done, gapMs));
  }
  return out.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

function signIn(i: number) {
  return fetch(`${server.url}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `person${i % stormSize}@example.com`, password }),
  }).then((res) => {
    if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
    return res.text();
  });
}

await latencies(10, 5); // warm-up
const quiet = await latencies(samples, 10);

// The storm: stormSize sign-ins at once, and again as each finishes, for as long as /healthz is sampled.
let storming = true;
let signIns = 0;
const stormStart = process.hrtime.bigint();
const workers = Array.from({ length: stormSize }, async (_, i) => {
  while (storming) {
    await signIn(i);
    signIns++;
  }
});
await new Promise((done) => setTimeout(done, 200));
const stormed = await latencies(samples, 10);
storming = false;
await Promise.all(workers);
const stormSeconds = Number(process.hrtime.bigint() - stormStart) / 1e9;

console.log(`/healthz during a sign-in storm (${stormSize} at once, ${(signIns / stormSeconds).toFixed(0)} sign-ins/s, ${samples} samples each)`);
for (const [label, q] of [["median", 0.5], ["p95", 0.95], ["max", 1]] as const) {
  const during = quantile(stormed, q);
  const before = quantile(quiet, q);
  console.log(`  ${label.padEnd(6)} ${during.toFixed(1).padStart(8)} ms during vs ${before.toFixed(1).padStart(6)} ms quiet   ${(during / before).toFixed(2)}× quiet`);
}
await server.close();
t.deps.db.$client.close();
rmSync(t.dir, { recursive: true, force: true });
