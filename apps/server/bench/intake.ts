// Intake over HTTP (issue 14: at least 0.5x a bare Hono JSON route): single escalations POSTed by
// autocannon to a real listening server (@hono/node-server, port 0), against a bare Hono route that
// parses the same JSON body and answers JSON, served and loaded the same way in the same process.
// Every escalation is a new one (its own externalId): row, idempotency check and audit entry, each
// 201 sent only once its transaction (shared by the escalations that arrive together) has committed
// with synchronous=FULL. The system allows 100,000 requests a minute, so the per-key limit counts but
// never refuses. On SQLite, or with BENCH_DATABASE_URL on PostgreSQL (bench/lib/database.ts).
// A third route bounds what any intake could reach here: the store alone (the idempotency read, the
// row with its indexes and the audit entry, committed together as the intake commits them), behind
// a bare route with no validation, key, limit, log or headers.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import { Hono } from "hono";
import { buildApp } from "../src/app";
import { operator, type Deps } from "../src/lib/context";
import { issueApiKey } from "../src/modules/systems/api-keys";
import { createSystem } from "../src/modules/systems/create-system";
import { receiveEscalationTogether } from "../src/modules/escalations/receive-together";
import type { EscalationInput } from "@countersign/shared/escalation";
import { setApiRateLimit } from "../src/modules/systems/set-api-rate-limit";
import { openBenchDb } from "./lib/database";

const seconds = Number(process.env.BENCH_INTAKE_SECONDS ?? 10);
const connections = 10;
const bench = await openBenchDb("intake");
const deps: Deps = { db: bench.db, now: () => Date.now() };
const system = await createSystem(deps, operator, { slug: "intake", name: "Intake", oversightMode: "HOTL" });
// The per-key limit still counts every request; at its default (600 a minute) it would answer 429s.
await setApiRateLimit(deps, operator, { systemId: system.id, requestsPerMinute: 100_000 });
const { key } = await issueApiKey(deps, operator, system.id);

let sent = 0;
const body = () =>
  JSON.stringify({
    externalId: `http-${sent++}`,
    input: `Customer request ${sent}: refund for a damaged item, order total 49.90 EUR.`,
    aiOutput: { decision: "refund", amount: 49.9, currency: "EUR" },
    confidence: 0.6,
    model: "bench-model",
    escalationReason: { code: "low_confidence", explanation: "Below threshold." },
    contextSummary: "Repeat customer, photo attached.",
    evidence: [{ title: "Photo", content: "Cracked item." }],
  });

/** Requests per second (mean) and p99 latency of POSTs to `path` on a fresh server for `fetch`. */
async function load(fetch: (request: Request) => Response | Promise<Response>, path: string) {
  // autocannon hangs up at the end with requests still being answered: the bench waits for them
  // before it closes the database under them.
  const answering = new Set<Promise<Response>>();
  const counted = (request: Request) => {
    const answer = Promise.resolve(fetch(request));
    answering.add(answer);
    void answer.finally(() => answering.delete(answer)).catch(() => undefined);
    return answer;
  };
  const server = serve({ fetch: counted, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        path,
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        setupRequest: (request) => ({ ...request, body: body() }),
      },
    ],
  });
  await new Promise((resolve) => server.close(resolve));
  await Promise.allSettled([...answering]);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${path}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return { rate: result.requests.average, p99: result.latency.p99 };
}

const bare = new Hono().post("/bare", async (c) => c.json({ externalId: ((await c.req.json()) as { externalId: string }).externalId }, 201));
const bareRoute = await load(bare.fetch, "/bare");
const intake = await load(buildApp(deps).fetch, "/api/v1/escalations");
const storeAlone = new Hono().post("/stored", async (c) => {
  const { created, ...received } = await receiveEscalationTogether(deps, system.id, (await c.req.json()) as EscalationInput);
  return c.json(received, created ? 201 : 200);
});
const stored = await load(storeAlone.fetch, "/stored");

console.log(`Intake over HTTP, autocannon ${connections} connections × ${seconds} s per route, ${bench.settings}`);
for (const [name, figures] of [
  ["bare Hono route: parse JSON, answer JSON", bareRoute],
  ["POST /api/v1/escalations (key, checks, row, audit entry)", intake],
  ["the store alone: row + audit entry, nothing checked", stored],
] as const) {
  console.log(
    `${name.padEnd(58)} ${figures.rate.toFixed(0).padStart(9)} requests/s ${(figures.rate / bareRoute.rate).toFixed(2)}× bare route, p99 ${figures.p99} ms`,
  );
}
await bench.close();
