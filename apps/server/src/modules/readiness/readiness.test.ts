import { beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { addSystem, addUser, callerFor, escalationBody, qualify, testDeps } from "../../testing/fixtures";
import { machineClient, referenceCase } from "../../testing/operations";
import { receiveEscalation } from "../escalations/receive";
import { issueApiKey } from "../systems/api-keys";
import type { UserSummary } from "../users/queries";
import { statement } from "../../lib/prepared";

const dayMs = 86_400_000;
let t: Awaited<ReturnType<typeof testDeps>>;
let admin: UserSummary;
let lead: UserSummary;
let systemId: string;
let gateway: Awaited<ReturnType<typeof machineClient>>;

const review = {
  milestone: "before_go_live" as const,
  verdict: "go_with_actions" as const,
  attendees: ["Lena (lead)", "Ada (admin)"],
  actions: ["Lower the refund threshold"],
};

beforeEach(async () => {
  t = testDeps();
  admin = await addUser(t.deps, "ada@example.com", ["admin"]);
  lead = await addUser(t.deps, "lena@example.com", ["lead"]);
  const system = await callerFor(t.deps, admin).systems.create({ slug: "refund-triage", name: "Refunds", oversightMode: "HOTL" });
  systemId = system.id;
  await callerFor(t.deps, admin).systems.setBusinessCase({ systemId, businessCase: referenceCase });
  gateway = machineClient(buildApp(t.deps), (await issueApiKey(t.deps, { type: "user", id: admin.id }, systemId)).key);
});

describe("the readiness review", () => {
  it("answers one question per layer with live figures", async () => {
    const start = new Date(t.deps.now()).toISOString();
    await gateway.escalate();
    await gateway.escalate({ evidence: [] });
    expect((await gateway.escalate({ evidence: undefined })).status).toBe(201);
    t.advance(3600);
    await gateway.reportVolume({ periodStart: start, periodEnd: new Date(t.deps.now()).toISOString(), total: 30 });
    await qualify(t.deps, lead.id, systemId, { authority: ["stop"] });
    await callerFor(t.deps, lead).systems.halt({ systemId, reason: "Stop test before go-live" });
    const haltedAt = new Date(t.deps.now()).toISOString();
    t.advance(4);
    await gateway.state();
    await callerFor(t.deps, lead).systems.resume({ systemId, reason: "Stop test done: the gateway held traffic" });

    const overview = await callerFor(t.deps, lead).readiness.overview({ systemId });
    expect(overview.strategy).toMatchObject({ assumedRate: 0.1, measuredRate: 0.1, manualCostPerItem: 6, holds: true });
    expect(overview.strategy.costAtMeasuredRate).toBeCloseTo(1.1, 10);
    expect(overview.governance.rules.find((r) => r.rule === "minRationaleChars")).toEqual({
      rule: "minRationaleChars",
      name: "Minimum rationale",
      setting: 40,
      enforced: "A decision is refused without a rationale of at least 40 characters.",
    });
    expect(overview.governance.rules.map((r) => r.rule)).toEqual(expect.arrayContaining(["checklist", "minDwellSeconds", "leaseMinutes"]));
    // Every rule has a name and a sentence in people's words: no schema key, no "null" on the readiness page.
    for (const rule of overview.governance.rules) {
      expect(rule.name).not.toBe(rule.rule);
      expect(rule.enforced).not.toMatch(/null|Enforced by the server as set/);
    }
    expect(overview.process).toMatchObject({ oversightMode: "HOTL", escalations: 3, withEvidence: 1 });
    expect(overview.process.evidenceShare).toBeCloseTo(1 / 3, 10);
    expect(overview.architecture.driftDetection).toMatchObject({ enabled: true, windowHours: 24, minSample: 100, lastAlert: null });
    expect(overview.architecture.trailRetrieval).toMatchObject({ entries: 1, milliseconds: expect.any(Number) });
    expect(overview.architecture.lastStopTest).toEqual({
      action: "resumed",
      at: new Date(t.deps.now()).toISOString(),
      by: "lena",
      reason: "Stop test done: the gateway held traffic",
      halt: { at: haltedAt, by: "lena", reason: "Stop test before go-live" },
      haltSeenAt: new Date(t.deps.now()).toISOString(),
      seenAfterSeconds: 4,
      passed: true,
    });
    expect(overview.operatingModel).toMatchObject({
      owner: { userId: admin.id, name: "ada" },
      ownerNote: null,
      whoMayStop: [
        { userId: admin.id, name: "ada", roles: ["admin"] },
        { userId: lead.id, name: "lena", roles: ["lead"] },
      ],
      lastReview: null,
    });
    expect(overview.operatingModel.cadence.next).toMatchObject({ milestone: "before_go_live", dueAt: null, overdue: false });
    expect(overview.conflicts).toEqual([]);
  });

  it("counts a stop test as passed only once the AI system saw the halt", async () => {
    await callerFor(t.deps, admin).systems.halt({ systemId, reason: "Stop test: is anyone reading this?" });
    t.advance(90);
    await callerFor(t.deps, admin).systems.resume({ systemId, reason: "Stop test over: the gateway never polled" });
    await gateway.state();
    const stop = (await callerFor(t.deps, lead).readiness.overview({ systemId })).architecture.lastStopTest;
    // The gateway read the resumed state, never the halt.
    expect(stop).toMatchObject({ action: "resumed", haltSeenAt: null, seenAfterSeconds: null, passed: false });
    // A lead without a stop qualification is not among those who may stop.
    expect((await callerFor(t.deps, lead).readiness.overview({ systemId })).operatingModel.whoMayStop.map((p) => p.name)).toEqual(["ada"]);
  });

  it("says no owner is named when the system was registered from the command line", async () => {
    const { system } = await addSystem(t.deps, "kyc-document-check");
    const overview = await callerFor(t.deps, lead).readiness.overview({ systemId: system.id });
    expect(overview.operatingModel).toMatchObject({ owner: null, ownerNote: "no owner named" });
    expect(overview.strategy).toMatchObject({ businessCase: false, measuredRate: null, holds: null });
    expect(overview.architecture.driftDetection.enabled).toBe(false);
  });

  it("a lead records a review with the figures it looked at, audited without attendee names", async () => {
    const recorded = await callerFor(t.deps, lead).readiness.record({ systemId, ...review });
    const [stored] = await callerFor(t.deps, admin).readiness.reviews({ systemId });
    expect(stored).toMatchObject({ id: recorded.id, milestone: "before_go_live", verdict: "go_with_actions", recordedBy: "lena", actions: review.actions });
    expect(stored!.figures).toMatchObject({ strategy: { assumedRate: 0.1 }, operatingModel: { owner: { name: "ada" } } });

    const audit = (await statement(t.deps.db, "SELECT actor_id, entity_id, payload FROM audit_log WHERE action = 'readiness.review_recorded'").get<{
      actor_id: string;
      entity_id: string;
      payload: string;
    }>())!;
    expect(audit).toMatchObject({ actor_id: lead.id, entity_id: recorded.id });
    expect(JSON.parse(audit.payload)).toEqual({
      systemId,
      milestone: "before_go_live",
      verdict: "go_with_actions",
      attendeeCount: 2,
      actionCount: 1,
      figuresSha256: recorded.figuresSha256,
    });
    expect(audit.payload).not.toContain("Lena");

    const overview = await callerFor(t.deps, lead).readiness.overview({ systemId });
    expect(overview.operatingModel.lastReview).toMatchObject({ id: recorded.id, verdict: "go_with_actions", recordedBy: "lena" });
  });

  it("never says the business case holds while a drift alert is open, even when the 30-day rate is within tolerance", async () => {
    const period = async (total: number, escalations: number) => {
      const periodStart = new Date(t.deps.now()).toISOString();
      for (let i = 0; i < escalations; i++) await receiveEscalation(t.deps, systemId, escalationBody());
      t.advance(3600);
      expect((await gateway.reportVolume({ periodStart, periodEnd: new Date(t.deps.now()).toISOString(), total })).status).toBe(201);
    };
    await period(1000, 100);
    t.advance(20 * 86_400);
    // The last 24 hours at 20% against 10% ± 5%: the drift check raises an alert.
    await period(100, 20);
    const { open } = await callerFor(t.deps, lead).metrics.alerts({ systemId });
    expect(open).not.toBeNull();

    const { strategy } = await callerFor(t.deps, lead).readiness.overview({ systemId });
    // Over 30 days 120 of 1100 (10.9%) is inside the tolerance, and cheaper than by hand ...
    expect(strategy.measuredRate).toBeCloseTo(120 / 1100, 10);
    expect(strategy.costAtMeasuredRate!).toBeLessThan(strategy.manualCostPerItem!);
    // ... but the open alert says the case does not hold, and readiness says so too.
    expect(strategy.holds).toBe(false);
    expect(strategy.holdsReasons).toEqual([`a drift alert is open since ${open!.raisedAt}`]);
  });

  it("refuses a go with actions that names no action", async () => {
    await expect(callerFor(t.deps, lead).readiness.record({ systemId, ...review, actions: [] })).rejects.toThrow(/a go with actions needs at least one action/);
  });

  it("flags the day-30 review as overdue 40 days after go-live with no review since", async () => {
    await callerFor(t.deps, lead).readiness.record({ systemId, ...review });
    await callerFor(t.deps, admin).systems.setBusinessCase({
      systemId,
      businessCase: referenceCase,
      liveSince: new Date(t.deps.now() + dayMs).toISOString(),
    });
    t.advance(41 * 86_400);
    const { cadence } = (await callerFor(t.deps, lead).readiness.overview({ systemId })).operatingModel;
    expect(cadence.overdue).toBe(true);
    expect(cadence.next).toMatchObject({ milestone: "day_30", overdue: true });
    expect(cadence.steps.map((s) => [s.label, s.overdue])).toEqual([
      ["before go-live", false],
      ["day 30", true],
      ["day 90", false],
      ["quarterly 1", false],
    ]);
  });

  it("a reviewer cannot record a review, nor read the overview; an admin or auditor cannot record one", async () => {
    const reviewer = await addUser(t.deps, "rea@example.com", ["reviewer"]);
    await expect(callerFor(t.deps, reviewer).readiness.record({ systemId, ...review })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(t.deps, reviewer).readiness.overview({ systemId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(t.deps, admin).readiness.record({ systemId, ...review })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const auditor = await addUser(t.deps, "aud@example.com", ["auditor"]);
    await expect(callerFor(t.deps, auditor).readiness.record({ systemId, ...review })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(t.deps, auditor).readiness.overview({ systemId })).resolves.toBeTruthy();
  });
});
