import { request } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CountersignError, type Countersign, type EscalationInput } from "@countersign/client";
import { buildApp } from "../../app";
import { openDb, type Db } from "../../db/client";
import { pgDbOn, pgPool } from "../../db/pg/client";
import { testEngine } from "../../db/pg/test-database";
import { operator } from "../../lib/context";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { listening } from "../../testing/listening";
import { attend } from "../../testing/operations";
import { revokeApiKey, issueApiKey } from "../systems/api-keys";
import { statement } from "../../lib/prepared";

let t: Awaited<ReturnType<typeof testDeps>>;
let app: Awaited<ReturnType<typeof buildApp>>;
let server: Awaited<ReturnType<typeof listening>>;
let client: Countersign;
let key: string;
let systemId: string;

// Response bodies of the raw requests are read loosely here: the assertions say what shape they must have.
type TestResponse = Omit<Response, "json"> & { json(): Promise<any> };

/** Raw HTTP, for what a well-behaved client never sends (malformed JSON, oversized bodies, no key). */
const post = async (body: unknown, apiKey: string | null = key, raw = false): Promise<TestResponse> =>
  await app.request("/api/v1/escalations", {
    method: "POST",
    headers: { "content-type": "application/json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    body: raw ? (body as string) : JSON.stringify(body),
  });

/** A POST over a real connection with exactly these headers, its body sent in these chunks (null: headers only, no body ever). */
const rawPost = (headers: Record<string, string>, chunks: string[] | null) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(`${server.baseUrl}/api/v1/escalations`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, ...headers },
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode!, text });
      });
    });
    req.on("error", reject);
    if (chunks === null) return req.flushHeaders();
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });

/** What the server refused, as the client reports it. */
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => expect.fail("expected a refusal"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CountersignError);
  return error as CountersignError;
};
const issuePaths = (error: CountersignError) => error.issues.map((i) => i.path);

beforeEach(async () => {
  t = testDeps();
  app = buildApp(t.deps);
  ({ key, system: { id: systemId } } = await addSystem(t.deps));
  server = await listening(app);
  client = server.client(key);
});
afterEach(async () => {
  await server.close();
});

describe("POST /api/v1/escalations", () => {
  it("queues a valid escalation and answers 201 with its id", async () => {
    const received = await client.escalate(escalationBody({ externalId: "order-1042" }));
    expect(received).toEqual({ id: expect.stringMatching(/^esc_/), externalId: "order-1042", status: "queued", created: true });
  });

  it("returns the same escalation for the same externalId and body (idempotent), 409 for a different body", async () => {
    const body = escalationBody({ externalId: "order-7" });
    const first = await client.escalate(body);
    const again = await client.escalate(body);
    expect(again).toEqual({ ...first, created: false });
    const conflict = await refusal(client.escalate({ ...body, confidence: 0.1 }));
    expect(conflict).toMatchObject({ status: 409, code: "CONFLICT" });
    expect(issuePaths(conflict)[0]).toBe("externalId");
  });

  it("names every bad field in a 400", async () => {
    const bad = { externalId: "", input: 42, aiOutput: "ok", confidence: 1.5, model: "m", escalationReason: { code: "x" }, priority: "asap", dueAt: "tomorrow", evidence: [{}] };
    const error = await refusal(client.escalate(bad as unknown as EscalationInput));
    expect(error).toMatchObject({ status: 400, code: "BAD_REQUEST" });
    expect(issuePaths(error)).toEqual(
      expect.arrayContaining(["externalId", "input", "confidence", "escalationReason.explanation", "contextSummary", "priority", "dueAt", "evidence.0.title"]),
    );
  });

  it("says a handoff needs context when the summary or the explanation is missing", async () => {
    const { contextSummary: _, ...withoutSummary } = escalationBody();
    const error = await refusal(client.escalate({ ...withoutSummary, escalationReason: { code: "low_confidence", explanation: "   " } } as EscalationInput));
    const byPath = Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
    expect(byPath.contextSummary).toMatch(/handoff needs context/);
    expect(byPath["escalationReason.explanation"]).toMatch(/handoff needs context/);
  });

  it("refuses more than 50 evidence items and unknown fields", async () => {
    const evidence = Array.from({ length: 51 }, (_, i) => ({ title: `item ${i}` }));
    const error = await refusal(client.escalate({ ...escalationBody(), evidence, confidance: 0.3 } as EscalationInput));
    expect(error.status).toBe(400);
    const paths = issuePaths(error);
    expect(paths).toContain("evidence");
    expect(paths.some((p) => p === "(body)" || p === "confidance")).toBe(true);
  });

  it("answers malformed JSON with a 400, not a 5xx", async () => {
    const res = await post('{"externalId": "a",', key, true);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/not valid JSON/);
  });

  it("answers a body over 4 MiB with 413 naming the limit", async () => {
    const res = await post(escalationBody({ contextSummary: "x".repeat(4 * 1024 * 1024 + 10) }));
    expect(res.status).toBe(413);
    const { error } = await res.json();
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(error.message).toMatch(/at most 4194304 bytes \(4 MiB\)/);
  });

  it("over a real connection: a body whose Content-Length is over 4 MiB is refused before it is read, a chunked one as it streams past the limit", async () => {
    // Declared: the 413 comes before any of the body has been sent.
    const declared = await rawPost({ "content-length": String(4 * 1024 * 1024 + 1) }, null);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.text).error.code).toBe("PAYLOAD_TOO_LARGE");
    // Chunked (no declared length): counted while it arrives.
    const big = JSON.stringify(escalationBody({ contextSummary: "x".repeat(4 * 1024 * 1024 + 10) }));
    const chunked = await rawPost({ "transfer-encoding": "chunked" }, [big.slice(0, 1024), big.slice(1024)]);
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.text).error.code).toBe("PAYLOAD_TOO_LARGE");
    const small = JSON.stringify(escalationBody({ externalId: "chunked-1" }));
    const accepted = await rawPost({ "transfer-encoding": "chunked" }, [small.slice(0, 10), small.slice(10)]);
    expect(accepted.status).toBe(201);
    expect(JSON.parse(accepted.text)).toMatchObject({ externalId: "chunked-1", status: "queued" });
  });

  it("answers 401 without a key, with an unknown key and with a revoked key", async () => {
    expect((await post(escalationBody(), null)).status).toBe(401);
    expect(await refusal(server.client("cs_not-a-real-key").escalate(escalationBody()))).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    const issued = await issueApiKey(t.deps, operator, systemId);
    expect((await server.client(issued.key).escalate(escalationBody())).created).toBe(true);
    await revokeApiKey(t.deps, operator, issued.id);
    const revoked = await refusal(server.client(issued.key).escalate(escalationBody()));
    expect(revoked.status).toBe(401);
    expect(revoked.message).toMatch(/revoked/);
  });
});

/** Another connection to the test's database, as `countersign key revoke` opens: nothing in this process hears of its writes. */
async function anotherProcess() {
  if (testEngine() === "sqlite") return { db: openDb(t.path), now: t.deps.now };
  const url = new URL(process.env.COUNTERSIGN_TEST_DATABASE_URL!);
  url.pathname = `/${await statement(t.deps.db, "SELECT current_database()").value<string>()}`;
  return { db: pgDbOn(pgPool(url.toString(), { max: 1 })) as unknown as Db, now: t.deps.now };
}

describe("POST /api/v1/escalations with a key revoked between two requests", () => {
  const storedCount = async () => await statement(t.deps.db, "SELECT count(*) FROM escalations").value() as number;

  it("refuses the very next request once the workbench revokes the key", async () => {
    const issued = await issueApiKey(t.deps, operator, systemId);
    const gateway = server.client(issued.key);
    expect((await gateway.escalate(escalationBody())).created).toBe(true);
    await revokeApiKey(t.deps, operator, issued.id);
    expect(await refusal(gateway.escalate(escalationBody()))).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    expect(await storedCount()).toBe(1);
  });

  it("refuses the very next request once another process (the CLI) revokes the key on the same database", async () => {
    const issued = await issueApiKey(t.deps, operator, systemId);
    const gateway = server.client(issued.key);
    expect((await gateway.escalate(escalationBody())).created).toBe(true);
    expect((await gateway.escalate(escalationBody())).created).toBe(true);
    const cli = await anotherProcess();
    await revokeApiKey(cli, operator, issued.id);
    await cli.db.$client.close();
    const res = await post(escalationBody({ externalId: "after-revocation" }), issued.key);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="countersign"');
    expect((await res.json()).error.message).toMatch(/revoked/);
    expect(await storedCount()).toBe(2);
    // The system's other key is unaffected.
    expect((await client.escalate(escalationBody())).created).toBe(true);
  });

  it("when escalations arrive together, refuses only the ones whose key was revoked", async () => {
    const revoked = await issueApiKey(t.deps, operator, systemId);
    expect((await server.client(revoked.key).escalate(escalationBody())).created).toBe(true);
    const cli = await anotherProcess();
    await revokeApiKey(cli, operator, revoked.id);
    await cli.db.$client.close();
    const outcomes = await Promise.allSettled([
      server.client(revoked.key).escalate(escalationBody({ externalId: "together-revoked" })),
      client.escalate(escalationBody({ externalId: "together-valid" })),
    ]);
    expect(outcomes[0]).toMatchObject({ status: "rejected", reason: { status: 401 } });
    expect(outcomes[1]).toMatchObject({ status: "fulfilled", value: { externalId: "together-valid", created: true } });
  });
});

describe("GET /api/v1/escalations", () => {
  it("returns the escalation byte-exact, by id and by externalId", async () => {
    const body = escalationBody({
      externalId: "weird-1",
      input: "  leading spaces, ünïcödé, emoji 🧾, tabs\tand\nnewlines  ",
      aiOutput: { nested: { list: [1, 2.5, "three"], flag: true, none: null } },
      metadata: { channel: "email" },
      priority: "high",
      dueAt: "2026-11-23T10:00:00+01:00",
    });
    const { id } = await client.escalate(body);
    const byId = await client.get(id);
    const { externalId: _e, ...rest } = body;
    expect(byId).toMatchObject({ id, externalId: "weird-1", status: "queued", ...rest });
    expect(byId.input).toBe(body.input);
    expect(await client.findByExternalId("weird-1")).toEqual(byId);
  });

  it("never shows one system's escalations to another system's key", async () => {
    const { id } = await client.escalate(escalationBody({ externalId: "private-1" }));
    const other = server.client((await addSystem(t.deps, "kyc-document-check")).key);
    expect((await refusal(other.get(id))).status).toBe(404);
    expect((await refusal(other.findByExternalId("private-1"))).status).toBe(404);
  });

  it("asks for externalId when the lookup has none", async () => {
    const res = await app.request("/api/v1/escalations", { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { issues: { path: string }[] } }).error.issues[0]!.path).toBe("externalId");
  });

  it("includes the decision once a reviewer has decided", async () => {
    const { id } = await client.escalate(escalationBody({ externalId: "to-decide" }));
    const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"]);
    const caller = callerFor(t.deps, reviewer);
    await caller.queue.claim({ escalationId: id });
    await attend(t, caller, id, 30);
    await caller.reviews.decide({
      escalationId: id,
      outcome: "modified",
      checklist: { "matches-request": "yes", "within-policy": "no" },
      rationale: "Amount exceeds the order total; corrected to the price actually paid.",
      correctedOutput: '{"decision":"refund","amount":29.9,"currency":"EUR"}',
    });
    const resource = await client.get(id);
    expect(resource.status).toBe("decided");
    expect(resource.decision).toMatchObject({
      outcome: "modified",
      finalOutput: { decision: "refund", amount: 29.9, currency: "EUR" },
      rationale: "Amount exceeds the order total; corrected to the price actually paid.",
      decidedBy: "rev",
    });
  });

  it("records the AI system's first read of a decision once, by id or by externalId, and never before it is decided", async () => {
    const { id } = await client.escalate(escalationBody({ externalId: "fetch-me" }));
    const fetched = async () => await statement(t.deps.db, "SELECT decision_fetched_at FROM escalations WHERE id = ?").value(id);
    const entries = async () =>
      await statement(t.deps.db, "SELECT actor_type, actor_id, at, payload FROM audit_log WHERE action = 'escalation.decision_fetched'").all() as {
        actor_type: string;
        actor_id: string;
        at: string;
        payload: string;
      }[];
    expect((await client.get(id)).status).toBe("queued");
    expect(await fetched()).toBeNull();

    const reviewer = callerFor(t.deps, await addUser(t.deps, "rev@example.com", ["reviewer"]));
    await reviewer.queue.claim({ escalationId: id });
    await attend(t, reviewer, id, 30);
    await reviewer.reviews.decide({
      escalationId: id,
      outcome: "approved",
      checklist: { "matches-request": "yes", "within-policy": "yes" },
      rationale: "Photo confirms the damage and the amount matches the order.",
    });
    const decidedAt = new Date(t.deps.now()).toISOString();
    t.advance(90);
    const firstRead = new Date(t.deps.now()).toISOString();
    expect((await client.findByExternalId("fetch-me")).status).toBe("decided");
    t.advance(60);
    expect((await client.get(id)).status).toBe("decided");
    expect(new Date((await fetched()) as number).toISOString()).toBe(firstRead);
    expect(await entries()).toEqual([{ actor_type: "ai_system", actor_id: systemId, at: firstRead, payload: JSON.stringify({ decidedAt }) }]);

    const explanation = await callerFor(t.deps, await addUser(t.deps, "lead@example.com", ["lead"])).audit.explanation({ escalationId: id });
    expect(explanation.delivery).toEqual({ availableAt: decidedAt, fetchedAt: firstRead });
  });
});

describe("W3C traceparent on POST /api/v1/escalations", () => {
  const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  it("is stored with the escalation and returned by GET; a retry under a new span is the same escalation", async () => {
    const body = escalationBody({ externalId: "traced" });
    const { id } = await client.escalate(body, { traceparent });
    expect((await client.get(id)).traceparent).toBe(traceparent);
    const retry = await client.escalate(body, { traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01" });
    expect(retry).toMatchObject({ id, created: false });
    expect((await client.get(id)).traceparent).toBe(traceparent);
    expect((await client.escalate(escalationBody())).created).toBe(true);
  });

  it("refuses a malformed traceparent with a 400 naming it, and stores nothing", async () => {
    for (const bad of ["00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "garbage"]) {
      const error = await refusal(client.escalate(escalationBody(), { traceparent: bad }));
      expect(error.status, bad).toBe(400);
      expect(issuePaths(error)).toEqual(["traceparent"]);
    }
    expect(await statement(t.deps.db, "SELECT count(*) FROM escalations").value()).toBe(0);
  });
});

describe("waitForDecision", () => {
  it("returns the decision once a reviewer decides, polling a server that answers at once", async () => {
    const { id } = await client.escalate(escalationBody({ externalId: "awaited" }));
    const waiting = client.waitForDecision(id, { timeoutMs: 20_000, pollIntervalMs: 50 });
    const reviewer = callerFor(t.deps, await addUser(t.deps, "rev@example.com", ["reviewer"]));
    await reviewer.queue.claim({ escalationId: id });
    await attend(t, reviewer, id, 30);
    await reviewer.reviews.decide({
      escalationId: id,
      outcome: "rejected",
      checklist: { "matches-request": "yes", "within-policy": "no" },
      rationale: "The order was already refunded last week; a second refund is not due.",
    });
    expect(await waiting).toMatchObject({ id, status: "decided", decision: { outcome: "rejected" } });
  });

  it("gives up with WAIT_TIMEOUT while nobody decides", async () => {
    const { id } = await client.escalate(escalationBody());
    await expect(client.waitForDecision(id, { timeoutMs: 300, pollIntervalMs: 50 })).rejects.toMatchObject({ code: "WAIT_TIMEOUT" });
  });
});
