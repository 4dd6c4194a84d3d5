import { beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { unlimitedLimiterStore } from "../../lib/rate-limits";
import { addSystem, escalationBody, testDeps } from "../../testing/fixtures";
import { verifyAuditLog } from "../../audit/verify";
import { statement } from "../../lib/prepared";

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
});
