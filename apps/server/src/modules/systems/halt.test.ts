import { beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { addSystem, addUser, callerFor, testDeps } from "../../testing/fixtures";
import { machineClient } from "../../testing/operations";
import type { UserSummary } from "../users/queries";

let t: ReturnType<typeof testDeps>;
let gateway: ReturnType<typeof machineClient>;
let systemId: string;
let lead: UserSummary;

const reason = "Refunds above policy limit seen in production; stopping until the model is rolled back.";

beforeEach(() => {
  t = testDeps();
  const { key, system } = addSystem(t.deps);
  systemId = system.id;
  gateway = machineClient(buildApp(t.deps), key);
  lead = addUser(t.deps, "lena@example.com", ["lead"]);
});

const auditOf = (action: string) =>
  t.deps.db.$client.prepare("SELECT actor_type, actor_id, entity_id, payload FROM audit_log WHERE action = ?").all(action) as {
    actor_type: string;
    actor_id: string;
    entity_id: string;
    payload: string;
  }[];

describe("the stop button", () => {
  it("is active until someone presses stop", async () => {
    const res = await gateway.state();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ slug: "refund-triage", state: "active", reason: null, changedAt: null, changedBy: null });
  });

  it("a lead halts with a reason; the AI system sees it through GET /api/v1/system; resuming lifts it; both are audited", async () => {
    await callerFor(t.deps, lead).systems.halt({ systemId, reason });
    expect(await (await gateway.state()).json()).toEqual({
      slug: "refund-triage",
      state: "halted",
      reason,
      changedAt: "2026-11-22T09:00:00.000Z",
      changedBy: "lena",
    });

    t.advance(600);
    await callerFor(t.deps, lead).systems.resume({ systemId, reason: "Model rolled back to 2026-10; refunds checked." });
    expect(await (await gateway.state()).json()).toMatchObject({ state: "active", changedAt: "2026-11-22T09:10:00.000Z", changedBy: "lena" });

    const [halted] = auditOf("system.halted");
    expect(halted).toMatchObject({ actor_type: "user", actor_id: lead.id, entity_id: systemId });
    expect(JSON.parse(halted!.payload)).toEqual({ reason, from: "active", to: "halted" });
    expect(auditOf("system.resumed")).toHaveLength(1);
    const outbox = t.deps.db.$client.prepare("SELECT type FROM outbox_events ORDER BY id").all();
    expect(outbox).toEqual([{ type: "system.halted" }, { type: "system.resumed" }]);
  });

  it("every user of the system sees the halt in the systems list", async () => {
    await callerFor(t.deps, lead).systems.halt({ systemId, reason });
    const reviewer = addUser(t.deps, "rea@example.com", ["reviewer"]);
    const [system] = await callerFor(t.deps, reviewer).systems.list();
    expect(system).toMatchObject({ state: "halted", stateReason: reason, stateChangedAt: Date.parse("2026-11-22T09:00:00Z"), stateChangedByName: "lena" });
  });

  it("an admin may halt too", async () => {
    const admin = addUser(t.deps, "ada@example.com", ["admin"]);
    await callerFor(t.deps, admin).systems.halt({ systemId, reason });
    expect((await (await gateway.state()).json()).changedBy).toBe("ada");
  });

  it("a reviewer and an auditor cannot halt", async () => {
    for (const role of ["reviewer", "auditor"] as const) {
      const user = addUser(t.deps, `${role}@example.com`, [role]);
      await expect(callerFor(t.deps, user).systems.halt({ systemId, reason })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await (await gateway.state()).json()).state).toBe("active");
  });

  it("refuses a halt or a resume without a reason, naming the field", async () => {
    const blank = callerFor(t.deps, lead).systems.halt({ systemId, reason: "  " });
    await expect(blank).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(blank).rejects.toThrow(/reason must be at least 5 characters/);
    // @ts-expect-error: the reason is required
    await expect(callerFor(t.deps, lead).systems.halt({ systemId })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(auditOf("system.halted")).toHaveLength(0);
  });

  it("refuses to halt a halted system or resume an active one", async () => {
    await expect(callerFor(t.deps, lead).systems.resume({ systemId, reason })).rejects.toMatchObject({ code: "CONFLICT" });
    await callerFor(t.deps, lead).systems.halt({ systemId, reason });
    await expect(callerFor(t.deps, lead).systems.halt({ systemId, reason })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already halted since 2026-11-22T09:00:00.000Z/),
    });
  });

  it("still accepts escalations while halted, so nothing in flight is lost", async () => {
    await callerFor(t.deps, lead).systems.halt({ systemId, reason });
    const res = await gateway.escalate({ externalId: "in-flight-1" });
    expect(res.status).toBe(201);
    expect((await res.json()).status).toBe("queued");
  });

  it("answers 401 to a state read without a valid key", async () => {
    expect((await gateway.state({ key: null })).status).toBe(401);
    expect((await gateway.state({ key: "cs_nope" })).status).toBe(401);
  });
});
