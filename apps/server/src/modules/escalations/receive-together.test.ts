import { beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { unlimitedLimiterStore } from "../../lib/rate-limits";
import { addSystem, escalationBody, testDeps } from "../../testing/fixtures";
import { verifyAuditLog } from "../../audit/verify";
import { statement } from "../../lib/prepared";
import { testEngine } from "../../db/pg/test-database";
import { receiveEscalationTogether } from "./receive-together";

let t: Awaited<ReturnType<typeof testDeps>>;
let app: Awaited<ReturnType<typeof buildApp>>;
let key: string;

const count = async (table: string) => await statement(t.deps.db, `SELECT count(*) FROM ${table}`).value() as number;
const post = async (body: unknown) => {
  const res = await app.request("/api/v1/escalations", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { id?: string; error?: { code: string; issues: { path: string }[] } } };
};

beforeEach(async () => {
  t = testDeps();
  app = buildApp(t.deps, undefined, { limiterStore: unlimitedLimiterStore });
  ({ key } = await addSystem(t.deps));
});

describe("single POSTs that arrive together", () => {
  it("are each queued with their own audit entry, in one chain that verifies", async () => {
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => post(escalationBody({ externalId: `burst-${i}` }))));
    expect(answers.map((a) => a.status)).toEqual(Array(25).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(25);
    expect(await count("escalations")).toBe(25);
    expect(await count("audit_log WHERE action = 'escalation.received'")).toBe(25);
    expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
  });

  it("judge each on its own: a repeat is the same escalation, a conflict or an invalid body fails only its own request", async () => {
    const body = escalationBody({ externalId: "same" });
    const { contextSummary: _, ...withoutSummary } = escalationBody({ externalId: "no-summary" });
    const [first, repeat, conflict, invalid, other] = await Promise.all([
      post(body),
      post(body),
      post({ ...body, confidence: 0.01 }),
      post(withoutSummary),
      post(escalationBody({ externalId: "other" })),
    ]);
    expect([first!.status, repeat!.status, conflict!.status, invalid!.status, other!.status]).toEqual([201, 200, 409, 400, 201]);
    expect(repeat!.body.id).toBe(first!.body.id);
    expect(conflict!.body.error).toMatchObject({ code: "CONFLICT", issues: [{ path: "externalId" }] });
    expect(invalid!.body.error!.issues.map((i) => i.path)).toEqual(["contextSummary"]);
    expect(await count("escalations")).toBe(2);
    expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
  });

  it("are answered only once their escalations can be read back", async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => post(escalationBody({ externalId: `readable-${i}` }))));
    for (const { body } of answers) {
      const res = await app.request(`/api/v1/escalations/${body.id}`, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(200);
    }
  });

  it("that keep arriving over the next turns of the event loop join the same commit", async () => {
    const { system } = await addSystem(t.deps, "turns");
    const deps = clockPerCommit(system.id);
    const burst = [deps.receive("turn-0-a"), deps.receive("turn-0-b")];
    await nextTurn();
    burst.push(deps.receive("turn-1"));
    await nextTurn();
    burst.push(deps.receive("turn-2"));
    const ids = (await Promise.all(burst)).map((received) => received.id);
    const receivedAt = async (id: string) => await statement(t.deps.db, "SELECT received_at FROM escalations WHERE id = ?").value(id);
    expect(new Set(await Promise.all(ids.map(receivedAt))).size).toBe(1);
  });

  // SQLite commits within the turn; PostgreSQL's commit waits for the server's answer.
  it.skipIf(testEngine() === "postgres")("one alone is committed in the first turn, waiting for nobody", async () => {
    const { system } = await addSystem(t.deps, "alone");
    let answered = false;
    void clockPerCommit(system.id).receive("alone").then(() => (answered = true));
    await nextTurn();
    expect(answered).toBe(true);
  });
});

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Receives on a clock that moves a second each time it is read: each commit reads it once, so escalations of one commit share their receivedAt. */
function clockPerCommit(systemId: string) {
  let ticks = 0;
  const deps = { ...t.deps, now: () => Date.parse("2026-11-22T09:00:00Z") + 1000 * ++ticks };
  return { receive: (externalId: string) => receiveEscalationTogether(deps, systemId, escalationBody({ externalId })) };
}
