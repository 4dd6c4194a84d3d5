import { beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { operator } from "../../lib/context";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { attend } from "../../testing/operations";
import { revokeApiKey, issueApiKey } from "../systems/api-keys";

let t: ReturnType<typeof testDeps>;
let app: ReturnType<typeof buildApp>;
let key: string;
let systemId: string;

// Response bodies are read loosely here: the assertions say what shape they must have.
type TestResponse = Omit<Response, "json"> & { json(): Promise<any> };

const post = async (body: unknown, apiKey: string | null = key, raw = false): Promise<TestResponse> =>
  await app.request("/api/v1/escalations", {
    method: "POST",
    headers: { "content-type": "application/json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    body: raw ? (body as string) : JSON.stringify(body),
  });
const get = async (path: string, apiKey = key): Promise<TestResponse> => await app.request(path, { headers: { authorization: `Bearer ${apiKey}` } });

beforeEach(() => {
  t = testDeps();
  app = buildApp(t.deps);
  ({ key, system: { id: systemId } } = addSystem(t.deps));
});

describe("POST /api/v1/escalations", () => {
  it("queues a valid escalation and answers 201 with its id", async () => {
    const res = await post(escalationBody({ externalId: "order-1042" }));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({ id: expect.stringMatching(/^esc_/), externalId: "order-1042", status: "queued" });
  });

  it("returns the same escalation for the same externalId and body (idempotent), 409 for a different body", async () => {
    const body = escalationBody({ externalId: "order-7" });
    const first = await (await post(body)).json();
    const again = await post(body);
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(first.id);
    const conflict = await post({ ...body, confidence: 0.1 });
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).error.issues[0].path).toBe("externalId");
  });

  it("names every bad field in a 400", async () => {
    const res = await post({ externalId: "", input: 42, aiOutput: "ok", confidence: 1.5, model: "m", escalationReason: { code: "x" }, priority: "asap", dueAt: "tomorrow", evidence: [{}] });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("BAD_REQUEST");
    const paths = error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(["externalId", "input", "confidence", "escalationReason.explanation", "contextSummary", "priority", "dueAt", "evidence.0.title"]),
    );
  });

  it("says a handoff needs context when the summary or the explanation is missing", async () => {
    const { contextSummary: _, ...withoutSummary } = escalationBody();
    const res = await post({ ...withoutSummary, escalationReason: { code: "low_confidence", explanation: "   " } });
    const { error } = await res.json();
    const byPath = Object.fromEntries(error.issues.map((i: { path: string; message: string }) => [i.path, i.message]));
    expect(byPath.contextSummary).toMatch(/handoff needs context/);
    expect(byPath["escalationReason.explanation"]).toMatch(/handoff needs context/);
  });

  it("refuses more than 50 evidence items and unknown fields", async () => {
    const evidence = Array.from({ length: 51 }, (_, i) => ({ title: `item ${i}` }));
    const res = await post({ ...escalationBody(), evidence, confidance: 0.3 });
    expect(res.status).toBe(400);
    const paths = (await res.json()).error.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain("evidence");
    expect(paths.some((p: string) => p === "(body)" || p === "confidance")).toBe(true);
  });

  it("answers malformed JSON with a 400, not a 5xx", async () => {
    const res = await post('{"externalId": "a",', key, true);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/not valid JSON/);
  });

  it("answers a body over 1 MiB with 413", async () => {
    const res = await post(escalationBody({ contextSummary: "x".repeat(1024 * 1024 + 10) }));
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("answers 401 without a key, with an unknown key and with a revoked key", async () => {
    expect((await post(escalationBody(), null)).status).toBe(401);
    expect((await post(escalationBody(), "cs_not-a-real-key")).status).toBe(401);
    const issued = issueApiKey(t.deps, operator, systemId);
    expect((await post(escalationBody(), issued.key)).status).toBe(201);
    revokeApiKey(t.deps, operator, issued.id);
    const revoked = await post(escalationBody(), issued.key);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error.message).toMatch(/revoked/);
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
    const { id } = await (await post(body)).json();
    const byId = await (await get(`/api/v1/escalations/${id}`)).json();
    const { externalId: _e, ...rest } = body;
    expect(byId).toMatchObject({ id, externalId: "weird-1", status: "queued", ...rest });
    expect(byId.input).toBe(body.input);
    const byExternal = await get(`/api/v1/escalations?externalId=weird-1`);
    expect(await byExternal.json()).toEqual(byId);
  });

  it("never shows one system's escalations to another system's key", async () => {
    const { id } = await (await post(escalationBody({ externalId: "private-1" }))).json();
    const other = addSystem(t.deps, "kyc-document-check").key;
    expect((await get(`/api/v1/escalations/${id}`, other)).status).toBe(404);
    expect((await get(`/api/v1/escalations?externalId=private-1`, other)).status).toBe(404);
  });

  it("asks for externalId when the lookup has none", async () => {
    const res = await get("/api/v1/escalations");
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe("externalId");
  });

  it("includes the decision once a reviewer has decided", async () => {
    const { id } = await (await post(escalationBody({ externalId: "to-decide" }))).json();
    const reviewer = addUser(t.deps, "rev@example.com", ["reviewer"]);
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
    const resource = await (await get(`/api/v1/escalations/${id}`)).json();
    expect(resource.status).toBe("decided");
    expect(resource.decision).toMatchObject({
      outcome: "modified",
      finalOutput: { decision: "refund", amount: 29.9, currency: "EUR" },
      rationale: "Amount exceeds the order total; corrected to the price actually paid.",
      decidedBy: "rev",
    });
  });

  it("records the AI system's first read of a decision once, by id or by externalId, and never before it is decided", async () => {
    const { id } = await (await post(escalationBody({ externalId: "fetch-me" }))).json();
    const fetched = () => t.deps.db.$client.prepare("SELECT decision_fetched_at FROM escalations WHERE id = ?").pluck().get(id);
    const entries = () =>
      t.deps.db.$client.prepare("SELECT actor_type, actor_id, at, payload FROM audit_log WHERE action = 'escalation.decision_fetched'").all() as {
        actor_type: string;
        actor_id: string;
        at: string;
        payload: string;
      }[];
    expect((await get(`/api/v1/escalations/${id}`)).status).toBe(200);
    expect(fetched()).toBeNull();

    const reviewer = callerFor(t.deps, addUser(t.deps, "rev@example.com", ["reviewer"]));
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
    expect((await get("/api/v1/escalations?externalId=fetch-me")).status).toBe(200);
    t.advance(60);
    expect((await get(`/api/v1/escalations/${id}`)).status).toBe(200);
    expect(new Date(fetched() as number).toISOString()).toBe(firstRead);
    expect(entries()).toEqual([{ actor_type: "ai_system", actor_id: systemId, at: firstRead, payload: JSON.stringify({ decidedAt }) }]);

    const explanation = await callerFor(t.deps, addUser(t.deps, "lead@example.com", ["lead"])).audit.explanation({ escalationId: id });
    expect(explanation.delivery).toEqual({ availableAt: decidedAt, fetchedAt: firstRead });
  });
});
