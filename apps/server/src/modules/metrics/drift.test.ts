import { beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { operator } from "../../lib/context";
import { addSystem, addUser, callerFor, testDeps } from "../../testing/fixtures";
import { machineClient, referenceCase } from "../../testing/operations";
import { verifyAuditLog } from "../../audit/verify";
import { setBusinessCase } from "../systems/set-business-case";
import { evaluateDrift, sweepDrift } from "./drift";
import { statement } from "../../lib/prepared";

let t: Awaited<ReturnType<typeof testDeps>>;
let gateway: Awaited<ReturnType<typeof machineClient>>;
let systemId: string;

const hour = 3600;

beforeEach(async () => {
  // Start on the hour, so each scripted hour is one reported period.
  t = testDeps(Date.parse("2026-11-22T00:00:00Z"));
  const { key, system } = await addSystem(t.deps);
  systemId = system.id;
  gateway = machineClient(buildApp(t.deps), key);
  await setBusinessCase(t.deps, operator, { systemId, businessCase: referenceCase });
});

/**
 * One hour of production as the gateway lives it: `escalated` of `total` outputs go to
 * Countersign during the hour; at the end of the hour it reports the hour's volume.
 */
async function productionHour(total: number, escalated: number) {
  const start = new Date(t.deps.now()).toISOString();
  for (let i = 0; i < escalated; i++) {
    t.advance(60);
    expect((await gateway.escalate()).status).toBe(201);
  }
  t.advance(hour - escalated * 60);
  const res = await gateway.reportVolume({ periodStart: start, periodEnd: new Date(t.deps.now()).toISOString(), total, escalated });
  expect(res.status).toBe(201);
}

const rows = (query: string) => statement(t.deps.db, query).all<Record<string, unknown>>();
const alerts = () => rows("SELECT * FROM drift_alerts");
const auditActions = async () => (await rows("SELECT action FROM audit_log WHERE action LIKE 'alert.%' ORDER BY seq")).map((r) => r.action);
const outbox = () => rows("SELECT type, payload FROM outbox_events ORDER BY id");

describe("drift against the business case (assumed 10% ± 5%, 24 h window, minimum sample 100)", () => {
  it("24 hours at 40% raise exactly one drift alert, with its audit entry and outbox event", async () => {
    for (let h = 0; h < 24; h++) await productionHour(10, 4);

    expect((await alerts())).toHaveLength(1);
    const [alert] = (await alerts());
    expect(alert).toMatchObject({ system_id: systemId, assumed_rate: 0.1, tolerance: 0.05, cleared_at: null });
    // Raised as soon as the window held 100 outputs: after the tenth hour, at 40 of 100.
    expect(alert).toMatchObject({ measured_rate: 0.4, window_total: 100, window_escalated: 40, raised_at: Date.parse("2026-11-22T10:00:00Z") });
    expect((await auditActions())).toEqual(["alert.drift_raised"]);
    const events = (await outbox());
    expect(events.map((e) => e.type)).toEqual(["verification_rate.drift_raised"]);
    expect(JSON.parse(events[0]!.payload as string)).toMatchObject({ alertId: alert!.id, systemId, measuredRate: 0.4, assumedRate: 0.1 });
    expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
  });

  it("a stable 10% raises none", async () => {
    for (let h = 0; h < 24; h++) await productionHour(10, 1);
    expect((await alerts())).toEqual([]);
    expect((await auditActions())).toEqual([]);
    expect((await outbox())).toEqual([]);
    expect(await evaluateDrift(t.deps, systemId)).toMatchObject({ status: "within_tolerance", total: 240, escalated: 24, measuredRate: 0.1 });
  });

  it("the alert clears once the rolling rate is back inside the tolerance, with its audit entry and outbox event", async () => {
    for (let h = 0; h < 24; h++) await productionHour(10, 4);
    // Back to 10%: the 40% hours roll out of the window one by one. After 20 such hours the
    // window holds 4 × 40% + 20 × 10% = 15%, inside 10% ± 5%.
    for (let h = 0; h < 19; h++) await productionHour(10, 1);
    expect((await alerts())[0]).toMatchObject({ cleared_at: null });
    await productionHour(10, 1);
    const [alert] = (await alerts());
    expect(alert).toMatchObject({ cleared_at: t.deps.now(), cleared_rate: 0.15 });
    expect((await auditActions())).toEqual(["alert.drift_raised", "alert.drift_cleared"]);
    expect((await outbox()).map((e) => e.type)).toEqual(["verification_rate.drift_raised", "verification_rate.drift_cleared"]);

    for (let h = 0; h < 4; h++) await productionHour(10, 1);
    expect((await alerts())).toHaveLength(1);
  });

  it("takes no decision below the minimum sample", async () => {
    for (let h = 0; h < 9; h++) await productionHour(10, 4);
    expect((await alerts())).toEqual([]);
    expect(await evaluateDrift(t.deps, systemId)).toMatchObject({ status: "insufficient_sample", total: 90, escalated: 36, change: null });
  });

  it("is seen by the periodic sweep when volume stops arriving", async () => {
    for (let h = 0; h < 12; h++) await productionHour(10, 4);
    for (let h = 0; h < 12; h++) await productionHour(10, 1);
    expect((await alerts())[0]).toMatchObject({ cleared_at: null });
    // No more volume: as hours pass, the 40% hours leave the window. Ten hours on, it holds
    // 2 hours at 40% and 12 at 10%: 20 of 140, 14.3%.
    t.advance(9 * hour);
    expect(await sweepDrift(t.deps)).toEqual([]);
    t.advance(hour);
    expect(await sweepDrift(t.deps)).toEqual([{ systemId, change: "cleared" }]);
    expect(await sweepDrift(t.deps)).toEqual([]);
  });

  it("re-checks at once when the business case changes", async () => {
    for (let h = 0; h < 12; h++) await productionHour(10, 4);
    expect((await alerts())).toHaveLength(1);
    const admin = await addUser(t.deps, "ada@example.com", ["admin"]);
    await callerFor(t.deps, admin).systems.setBusinessCase({ systemId, businessCase: { ...referenceCase, assumedVerificationRate: 0.4 } });
    expect((await alerts())[0]).toMatchObject({ cleared_rate: 0.4 });
  });
});
