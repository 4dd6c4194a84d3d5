import { describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { addSystem, addUser, escalationBody, testDeps } from "../../testing/fixtures";
import { decideAs, type TestResponse } from "../../testing/operations";
import { receiveEscalation } from "./receive";
import { waitingRequests } from "./waiters";
import { statement } from "../../lib/prepared";

async function setting() {
  const t = testDeps();
  const { system, key } = await addSystem(t.deps);
  const reviewer = await addUser(t.deps, "ana@example.com", ["reviewer"]);
  const app = buildApp(t.deps);
  const { id } = await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "order-1042" }));
  const get = (path: string, signal?: AbortSignal) =>
    app.request(new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${key}` }, ...(signal ? { signal } : {}) })) as Promise<TestResponse>;
  const other = (await addSystem(t.deps, "kyc-check")).key;
  const getAs = (path: string, apiKey: string) => app.request(path, { headers: { authorization: `Bearer ${apiKey}` } }) as Promise<TestResponse>;
  const fetches = async () => await statement(t.deps.db, "SELECT count(*) FROM audit_log WHERE action = 'escalation.decision_fetched'").value();
  return { t, reviewer, id, get, getAs, other, fetches };
}

/** Until the request has registered as waiting (its API key is checked first). */
async function waiting(n: number) {
  for (let i = 0; i < 200 && waitingRequests() !== n; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(waitingRequests()).toBe(n);
}

describe("GET /api/v1/escalations/{id}?wait=N", () => {
  it("answers shortly after the decision, well before its timeout, exactly as a plain GET, and records the fetch", async () => {
    const { t, reviewer, id, get, fetches } = await setting();
    const started = Date.now();
    const pending = get(`/api/v1/escalations/${id}?wait=20`);
    await waiting(1);
    await decideAs(t, reviewer, id, "approved");
    const decided = Date.now();
    const res = await pending;
    const answered = Date.now();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id, status: "decided", decision: { outcome: "approved", decidedBy: "ana" } });
    expect(answered - decided).toBeLessThan(1_000);
    expect(answered - started).toBeLessThan(15_000);
    expect(await fetches()).toBe(1);
    expect(await (await get(`/api/v1/escalations/${id}`)).json()).toEqual(body);
    expect(waitingRequests()).toBe(0);
  });

  it("a wait that times out returns the undecided escalation, and records no fetch", async () => {
    const { id, get, fetches } = await setting();
    const started = Date.now();
    const res = await get(`/api/v1/escalations/${id}?wait=1`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    const body = await res.json();
    expect(body).toMatchObject({ id, status: "queued" });
    expect(body.decision).toBeUndefined();
    expect(await fetches()).toBe(0);
    expect(waitingRequests()).toBe(0);
  });

  it("a decided escalation answers at once, whatever the wait", async () => {
    const { t, reviewer, id, get } = await setting();
    await decideAs(t, reviewer, id, "rejected");
    const started = Date.now();
    expect(await (await get(`/api/v1/escalations/${id}?wait=30`)).json()).toMatchObject({ status: "decided" });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("waits on the externalId lookup too", async () => {
    const { t, reviewer, id, get } = await setting();
    const pending = get(`/api/v1/escalations?externalId=order-1042&wait=20`);
    await waiting(1);
    await decideAs(t, reviewer, id, "approved");
    expect(await (await pending).json()).toMatchObject({ id, externalId: "order-1042", status: "decided" });
  });

  it("forgets a client that goes away", async () => {
    const { id, get } = await setting();
    const client = new AbortController();
    const pending = get(`/api/v1/escalations/${id}?wait=30`, client.signal).catch(() => null);
    await waiting(1);
    const started = Date.now();
    client.abort();
    await pending;
    expect(waitingRequests()).toBe(0);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("another AI system's key cannot wait on an escalation that is not its own: 404 at once, nothing held", async () => {
    const { id, getAs, other } = await setting();
    const started = Date.now();
    const res = await getAs(`/api/v1/escalations/${id}?wait=30`, other);
    expect(res.status).toBe(404);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await getAs(`/api/v1/escalations?externalId=order-1042&wait=30`, other)).status).toBe(404);
    expect(waitingRequests()).toBe(0);
  });

  it("refuses a wait that is not a whole number of seconds from 0 to 30, naming the parameter", async () => {
    const { id, get } = await setting();
    for (const wait of ["31", "-1", "1.5", "soon", "", "100"]) {
      for (const path of [`/api/v1/escalations/${id}?wait=${wait}`, `/api/v1/escalations?externalId=order-1042&wait=${wait}`]) {
        const res = await get(path);
        expect(res.status, `${path}`).toBe(400);
        const { error } = await res.json();
        expect(error.issues.map((i: { path: string }) => i.path)).toEqual(["wait"]);
        expect(error.message).toMatch(/wait must be/);
      }
    }
    expect((await get(`/api/v1/escalations/${id}?wait=0`)).status).toBe(200);
  });
});
