import { beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { operator } from "../../lib/context";
import { addSystem, addUser, callerFor, testDeps } from "../../testing/fixtures";
import { machineClient, referenceCase } from "../../testing/operations";
import { setBusinessCase } from "../systems/set-business-case";
import { updateSystem } from "../systems/update-system";
import type { UserSummary } from "../users/queries";

let t: Awaited<ReturnType<typeof testDeps>>;
let gateway: Awaited<ReturnType<typeof machineClient>>;
let systemId: string;
let lead: UserSummary;

beforeEach(async () => {
  t = testDeps();
  const { key, system } = await addSystem(t.deps);
  systemId = system.id;
  gateway = machineClient(buildApp(t.deps), key);
  lead = await addUser(t.deps, "lena@example.com", ["lead"]);
  await setBusinessCase(t.deps, operator, { systemId, businessCase: referenceCase });
});

const setMode = (oversightMode: "HITL" | "HOTL" | "HIC") => updateSystem(t.deps, operator, systemId, { name: "Refunds", description: "", oversightMode });
const conflicts = async () => (await callerFor(t.deps, lead).metrics.conflicts({ systemId })).map((c) => c.code);

describe("layer conflicts, where they are seen", () => {
  it("none for a HOTL system running as its business case assumes", async () => {
    expect(await conflicts()).toEqual([]);
  });

  it("a HITL system whose business case assumes less than 100% review", async () => {
    await setMode("HITL");
    expect(await conflicts()).toEqual(["hitl_assumes_sampling"]);
  });

  it("a HIC system that receives escalations", async () => {
    await setMode("HIC");
    expect(await conflicts()).toEqual([]);
    expect((await gateway.escalate()).status).toBe(201);
    const [conflict] = await callerFor(t.deps, lead).metrics.conflicts({ systemId });
    expect(conflict).toEqual({ code: "hic_receives_escalations", message: expect.stringContaining("received 1 escalation from it") });
  });

  it("a measured rate that makes an item cost more than doing it by hand", async () => {
    const start = new Date(t.deps.now()).toISOString();
    for (let i = 0; i < 4; i++) expect((await gateway.escalate()).status).toBe(201);
    t.advance(3600);
    await gateway.reportVolume({ periodStart: start, periodEnd: new Date(t.deps.now()).toISOString(), total: 4 });
    const [conflict] = await callerFor(t.deps, lead).metrics.conflicts({ systemId });
    expect(conflict).toEqual({
      code: "cost_above_manual",
      message: expect.stringContaining("At the measured verification rate of 100%, an item costs €6.50, more than the €6.00"),
    });
  });
});

describe("drift alerts for the dashboard", () => {
  it("show the rolling window as the drift check sees it, and the open alert", async () => {
    const start = new Date(t.deps.now()).toISOString();
    for (let i = 0; i < 40; i++) expect((await gateway.escalate()).status).toBe(201);
    t.advance(3600);
    await gateway.reportVolume({ periodStart: start, periodEnd: new Date(t.deps.now()).toISOString(), total: 100 });
    const drift = await callerFor(t.deps, lead).metrics.alerts({ systemId });
    expect(drift.open).toMatchObject({ open: true, measuredRate: 0.4, assumedRate: 0.1, windowTotal: 100, clearedAt: null });
    expect(drift.alerts).toHaveLength(1);
    expect(drift.current).toMatchObject({ hours: 24, total: 100, escalated: 40, measuredRate: 0.4, minSample: 100 });
  });
});
