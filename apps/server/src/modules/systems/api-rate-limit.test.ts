import { beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { operator } from "../../lib/context";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { issueApiKey } from "./api-keys";
import { statement } from "../../lib/prepared";

let t: Awaited<ReturnType<typeof testDeps>>;
let systemId: string;
let key: string;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeEach(async () => {
  t = testDeps();
  ({ key, system: { id: systemId } } = await addSystem(t.deps));
  app = buildApp(t.deps);
});

const as = (apiKey: string) => ({
  lookup: () => app.request("/api/v1/escalations?externalId=none", { headers: { authorization: `Bearer ${apiKey}` } }),
  post: () =>
    app.request("/api/v1/escalations", {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(escalationBody()),
    }),
  poll: () => app.request("/api/v1/system", { headers: { authorization: `Bearer ${apiKey}` } }),
});

describe("per-API-key rate limits", () => {
  it("an admin sets the system's requests per minute (600 by default), audited before and after", async () => {
    const admin = await addUser(t.deps, "ada@example.com", ["admin"]);
    const caller = callerFor(t.deps, admin);
    expect((await caller.systems.list()).find((s) => s.id === systemId)?.apiRequestsPerMinute).toBe(600);
    await caller.systems.setApiRateLimit({ systemId, requestsPerMinute: 3 });
    expect((await caller.systems.list()).find((s) => s.id === systemId)?.apiRequestsPerMinute).toBe(3);
    const entry = await statement(t.deps.db, "SELECT payload FROM audit_log WHERE action = 'system.updated' ORDER BY seq DESC").value();
    expect(entry).toBe('{"after":{"apiRequestsPerMinute":3},"before":{"apiRequestsPerMinute":600}}');
    await expect(caller.systems.setApiRateLimit({ systemId, requestsPerMinute: 0 })).rejects.toThrow(/Requests per minute must be a whole number from 1 to 100000/);
  });

  it("a lead cannot change it", async () => {
    const lead = await addUser(t.deps, "lena@example.com", ["lead"]);
    await expect(callerFor(t.deps, lead).systems.setApiRateLimit({ systemId, requestsPerMinute: 10_000 })).rejects.toThrow(/admin/);
  });

  it("answers 429 with Retry-After once a key has spent its minute, per key, in the REST error shape", async () => {
    await callerFor(t.deps, await addUser(t.deps, "ada@example.com", ["admin"])).systems.setApiRateLimit({ systemId, requestsPerMinute: 3 });
    const gateway = as(key);
    expect((await gateway.post()).status).toBe(201);
    expect((await gateway.lookup()).status).toBe(404);
    expect((await gateway.post()).status).toBe(201);
    const refused = await gateway.post();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({
      error: {
        code: "TOO_MANY_REQUESTS",
        message: expect.stringMatching(/^this API key may make 3 requests per minute \(the AI system's setting\); try again in \d+ seconds$/),
        issues: [],
        requestId: expect.any(String),
      },
    });
    // Another key of the same system has an allowance of its own.
    const second = (await issueApiKey(t.deps, operator, systemId, "second gateway")).key;
    expect((await as(second).post()).status).toBe(201);
  });

  it("keeps the stop-state poll open at several a second even when the key's minute is spent, with its own 429 beyond that", async () => {
    await callerFor(t.deps, await addUser(t.deps, "ada@example.com", ["admin"])).systems.setApiRateLimit({ systemId, requestsPerMinute: 1 });
    const gateway = as(key);
    expect((await gateway.post()).status).toBe(201);
    expect((await gateway.post()).status).toBe(429);
    const polls = [];
    for (let i = 0; i < 5; i++) polls.push((await gateway.poll()).status);
    expect(polls).toEqual([200, 200, 200, 200, 200]);
    const sixth = await gateway.poll();
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get("retry-after")).toBe("1");
  });

  it("answers a request without a valid key 401, not 429", async () => {
    for (let i = 0; i < 3; i++) expect((await as("cs_not-a-key").post()).status).toBe(401);
  });
});

describe("unknown REST paths", () => {
  it("answer a JSON 404 in the REST error shape, not the workbench's page", async () => {
    for (const [method, path] of [
      ["GET", "/api/v1/nothing-here"],
      ["GET", "/api/v2/escalations"],
      ["POST", "/api/v1/escalations/x/y"],
    ] as const) {
      const res = await app.request(path, { method, headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: `no route ${method} ${path}`, issues: [], requestId: expect.any(String) } });
    }
  });
});
