import { beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { addSystem, addUser, callerFor, qualify, testDeps } from "../../testing/fixtures";
import { machineClient } from "../../testing/operations";
import type { UserSummary } from "../users/queries";
import { statement } from "../../lib/prepared";

let t: Awaited<ReturnType<typeof testDeps>>;
let gateway: Awaited<ReturnType<typeof machineClient>>;
let systemId: string;
let lead: UserSummary;

const reason = "Refunds above policy limit seen in production; stopping until the model is rolled back.";

beforeEach(async () => {
  t = testDeps();
  const { key, system } = await addSystem(t.deps);
  systemId = system.id;
  gateway = machineClient(buildApp(t.deps), key);
  lead = await addUser(t.deps, "lena@example.com", ["lead"]);
  await qualify(t.deps, lead.id, systemId, { authority: ["stop"] });
});

const auditOf = async (action: string) =>
  await statement(t.deps.db, "SELECT actor_type, actor_id, entity_id, payload FROM audit_log WHERE action = ?").all(action) as {
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
    expect(await res.json()).toMatchObject({ slug: "refund-triage", state: "active", reason: null, changedAt: null, changedBy: null, seq: 0 });
  });

  it("a lead holding stop halts with a reason; the AI system sees it through GET /api/v1/system; resuming lifts it; both are audited", async () => {
    await callerFor(t.deps, lead).systems.halt({ systemId, reason });
    expect(await (await gateway.state()).json()).toMatchObject({
      slug: "refund-triage",
      state: "halted",
      reason,
      changedAt: "2026-11-22T09:00:00.000Z",
      changedBy: "lena",
      seq: 1,
    });

    t.advance(600);
    await callerFor(t.deps, lead).systems.resume({ systemId, reason: "Model rolled back to 2026-10; refunds checked." });
    expect(await (await gateway.state()).json()).toMatchObject({ state: "active", changedAt: "2026-11-22T09:10:00.000Z", changedBy: "lena", seq: 2 });

    const [halted] = await auditOf("system.halted");
    expect(halted).toMatchObject({ actor_type: "user", actor_id: lead.id, entity_id: systemId });
    expect(JSON.parse(halted!.payload)).toEqual({ reason, from: "active", to: "halted", seq: 1, qualificationId: expect.stringMatching(/^qual_/) });
    expect(await auditOf("system.resumed")).toHaveLength(1);
    const outbox = await statement(t.deps.db, "SELECT type FROM outbox_events ORDER BY id").all();
    expect(outbox).toEqual([{ type: "system.halted" }, { type: "system.resumed" }]);
  });

  it("every user of the system sees the halt in the systems list", async () => {
    await callerFor(t.deps, lead).systems.halt({ systemId, reason });
    const reviewer = await addUser(t.deps, "rea@example.com", ["reviewer"]);
    const [system] = await callerFor(t.deps, reviewer).systems.list();
    expect(system).toMatchObject({ state: "halted", stateReason: reason, stateChangedAt: Date.parse("2026-11-22T09:00:00Z"), stateChangedByName: "lena" });
  });

  it("an admin may halt too", async () => {
    const admin = await addUser(t.deps, "ada@example.com", ["admin"]);
    await callerFor(t.deps, admin).systems.halt({ systemId, reason });
    expect((await (await gateway.state()).json()).changedBy).toBe("ada");
  });

  it("a reviewer whose qualification grants stop may halt and resume", async () => {
    const reviewer = await addUser(t.deps, "rea@example.com", ["reviewer"], { qualified: false });
    await qualify(t.deps, reviewer.id, systemId, { authority: ["review", "stop"] });
    const caller = callerFor(t.deps, reviewer);
    expect(await caller.systems.stopAuthority({ systemId })).toMatchObject({ allowed: true });
    await caller.systems.halt({ systemId, reason });
    expect((await (await gateway.state()).json()).changedBy).toBe("rea");
    await caller.systems.resume({ systemId, reason: "Checked with the model owner; resuming." });
  });

  it("a lead with no qualification, a reviewer without stop, an expired stop and an auditor cannot halt, and are told why", async () => {
    const bare = await addUser(t.deps, "omar@example.com", ["lead"]);
    const reviewer = await addUser(t.deps, "rea@example.com", ["reviewer"], { qualified: false });
    await qualify(t.deps, reviewer.id, systemId, { authority: ["review", "override"] });
    const lapsed = await addUser(t.deps, "lapsed@example.com", ["lead"]);
    await qualify(t.deps, lapsed.id, systemId, { authority: ["stop"], days: 1 });
    const auditor = await addUser(t.deps, "audit@example.com", ["auditor"]);
    t.advance(2 * 86_400);
    await expect(callerFor(t.deps, bare).systems.halt({ systemId, reason })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/you cannot halt refund-triage: you hold no qualification for this AI system.*only admins and people whose qualification for this system grants stop may/),
    });
    expect(await callerFor(t.deps, bare).systems.stopAuthority({ systemId })).toMatchObject({ allowed: false, why: expect.stringMatching(/no qualification/) });
    await expect(callerFor(t.deps, reviewer).systems.halt({ systemId, reason })).rejects.toThrow(/does not grant the stop authority \(it grants review, override\)/);
    await expect(callerFor(t.deps, lapsed).systems.halt({ systemId, reason })).rejects.toThrow(/expired at/);
    await expect(callerFor(t.deps, auditor).systems.halt({ systemId, reason })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await (await gateway.state()).json()).state).toBe("active");
    expect(await auditOf("system.halted")).toHaveLength(0);
  });

  it("nobody without stop authority can resume a halted system either", async () => {
    await callerFor(t.deps, lead).systems.halt({ systemId, reason });
    const bare = await addUser(t.deps, "omar@example.com", ["lead"]);
    await expect(callerFor(t.deps, bare).systems.resume({ systemId, reason: "I want it running again." })).rejects.toThrow(/you cannot resume refund-triage/);
    expect((await (await gateway.state()).json()).state).toBe("halted");
  });

  it("refuses a halt or a resume without a reason, naming the field", async () => {
    const blank = callerFor(t.deps, lead).systems.halt({ systemId, reason: "  " });
    await expect(blank).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(blank).rejects.toThrow(/reason must be at least 5 characters/);
    // @ts-expect-error: the reason is required
    await expect(callerFor(t.deps, lead).systems.halt({ systemId })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await auditOf("system.halted")).toHaveLength(0);
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
