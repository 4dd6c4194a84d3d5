import { formatPercent } from "@countersign/shared/format";
import { beforeAll, describe, expect, it } from "vitest";
import type { Outcome } from "@countersign/shared/enums";
import { buildApp } from "../../app";
import { operator } from "../../lib/context";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { decideAs, machineClient, referenceCase } from "../../testing/operations";
import { receiveEscalation } from "../escalations/receive";
import { downloadPack, readPack } from "../export/pack-testing";
import { addGoldItems } from "../gold/add-gold";
import type { UserSummary } from "../users/queries";

/*
 * One fixture, every surface: the lead's dashboard, the system pages (metrics), readiness and
 * the proof pack read the same figures. Two systems: "refund-triage" runs at 10% (4 escalations
 * of 40 reported outputs) under judgement first, with a gold item; "kyc" received 12 escalations
 * where the AI system reported 10 outputs — a layer conflict, which no surface may show as 120%.
 */
const day = { from: "2026-11-22T00:00:00Z", to: "2026-11-23T00:00:00Z" };
let t: Awaited<ReturnType<typeof testDeps>>;
let lead: UserSummary;
let auditor: UserSummary;
let ana: UserSummary;
let refundId: string;
let kycId: string;

const row = (report: string, label: string) => {
  const start = report.indexOf(`<th scope="row">${label}</th><td>`);
  if (start === -1) throw new Error(`report.html has no row "${label}"`);
  const from = start + `<th scope="row">${label}</th><td>`.length;
  return report.slice(from, report.indexOf("</td>", from));
};
// The pack writes figures as the workbench does: one format module.
const asPackPercent = (share: number) => formatPercent(share);

async function judgeAndDecide(reviewer: UserSummary, escalationId: string, verdict: "approve" | "reject", outcome: Outcome) {
  const caller = callerFor(t.deps, reviewer);
  await caller.queue.claim({ escalationId });
  await caller.reviews.recordJudgement({ escalationId, verdict, reason: "Read the input and the evidence first." });
  await decideAs(t, reviewer, escalationId, outcome);
}

beforeAll(async () => {
  t = testDeps();
  const admin = await addUser(t.deps, "ada@example.com", ["admin"]);
  lead = await addUser(t.deps, "lena@example.com", ["lead"]);
  auditor = await addUser(t.deps, "audit@example.com", ["auditor"]);
  ana = await addUser(t.deps, "ana@example.com", ["reviewer"]);
  const refund = await addSystem(t.deps, "refund-triage", { judgementFirst: true });
  const kyc = await addSystem(t.deps, "kyc");
  refundId = refund.system.id;
  kycId = kyc.system.id;
  await callerFor(t.deps, admin).systems.setBusinessCase({ systemId: refundId, businessCase: referenceCase });
  await callerFor(t.deps, admin).systems.setBusinessCase({ systemId: kycId, businessCase: { ...referenceCase, assumedVerificationRate: 1 } });

  const periodStart = new Date(t.deps.now()).toISOString();
  const refunds = await Promise.all([1, 2, 3, 4, 5].map(async (i) => (await receiveEscalation(t.deps, refundId, escalationBody({ externalId: `order-${i}` }))).id));
  for (let i = 0; i < 12; i++) await receiveEscalation(t.deps, kycId, escalationBody({ externalId: `id-check-${i}` }));
  const [gold] = await addGoldItems(t.deps, operator, refundId, [{ escalation: escalationBody({ externalId: "order-gold" }), expectedOutcome: "rejected" }]);

  await judgeAndDecide(ana, refunds[0]!, "approve", "approved");
  await judgeAndDecide(ana, refunds[1]!, "reject", "modified");
  await judgeAndDecide(ana, refunds[2]!, "reject", "rejected");
  await judgeAndDecide(ana, refunds[3]!, "approve", "escalated");
  await judgeAndDecide(ana, gold!.escalationId, "reject", "rejected");

  t.advance(600);
  const periodEnd = new Date(t.deps.now()).toISOString();
  const app = buildApp(t.deps);
  expect((await machineClient(app, refund.key).reportVolume({ periodStart, periodEnd, total: 50 })).status).toBe(201);
  expect((await machineClient(app, kyc.key).reportVolume({ periodStart, periodEnd, total: 10 })).status).toBe(201);
});

describe("figures agree on every surface", () => {
  it("the verification rate is the same on the system pages, in readiness and in the proof pack", async () => {
    const lena = callerFor(t.deps, lead);
    const rates = await lena.metrics.rates({ systemId: refundId });
    const cost = (await lena.metrics.cost({ systemId: refundId }))!;
    const readiness = await lena.readiness.overview({ systemId: refundId });
    const report = (await readPack(await downloadPack(t, auditor, `system=refund-triage&from=${day.from}&to=${day.to}`))).get("report.html")!.toString();

    expect(rates.overall).toMatchObject({ received: 5, total: 50, rate: 0.1, exceedsReported: false });
    expect(cost.measuredRate).toBe(rates.overall.rate);
    expect(cost.interval).toEqual(rates.overall.interval);
    expect(readiness.strategy.measuredRate).toBe(rates.overall.rate);
    expect(readiness.strategy.interval).toEqual(rates.overall.interval);
    expect(row(report, "Verification rate (escalated ÷ AI outputs, over the reported periods)")).toBe(asPackPercent(rates.overall.rate!));
  });

  it("more escalations than reported outputs is a layer conflict everywhere, never a rate above 100%", async () => {
    const lena = callerFor(t.deps, lead);
    const rates = await lena.metrics.rates({ systemId: kycId });
    const cost = (await lena.metrics.cost({ systemId: kycId }))!;
    const conflicts = await lena.metrics.conflicts({ systemId: kycId });
    const readiness = await lena.readiness.overview({ systemId: kycId });
    const drift = await lena.metrics.alerts({ systemId: kycId });
    const report = (await readPack(await downloadPack(t, auditor, `system=kyc&from=${day.from}&to=${day.to}`, "kyc.zip"))).get("report.html")!.toString();

    expect(rates.overall).toMatchObject({ received: 12, total: 10, rate: null, interval: null, exceedsReported: true });
    expect(rates.buckets.every((b) => b.rate === null && b.exceedsReported)).toBe(true);
    expect(cost).toMatchObject({ measuredRate: null, exceedsReported: true, costAtMeasuredRate: null, withinTolerance: null });
    const sentence = "Countersign received 12 escalations, but the AI system reported 10 outputs for the same periods.";
    expect(conflicts.find((c) => c.code === "received_exceeds_reported")?.message).toContain(sentence);
    expect(readiness.conflicts.find((c) => c.code === "received_exceeds_reported")?.message).toContain(sentence);
    expect(readiness.strategy).toMatchObject({ measuredRate: null, exceedsReported: true, holds: null });
    expect(drift.current).toMatchObject({ measuredRate: null, exceedsReported: true });
    expect(row(report, "Verification rate (escalated ÷ AI outputs, over the reported periods)")).toContain(sentence);
    expect(report).not.toMatch(/(10[1-9]|1[1-9][0-9])(\.[0-9])?%/);
  });

  it("approval rate, agreement with the AI and the trend line read one definition each", async () => {
    const dashboard = await callerFor(t.deps, lead).indicators.dashboard({ ...day, system: "refund-triage" });
    const team = dashboard.team;
    // 1 approved, 3 overridden (modified, rejected, the gold copy rejected); escalated further is left out.
    expect(team.approvalRate).toBe(0.25);
    // Own verdicts before the AI output: approve, reject, reject, approve, reject.
    expect(team).toMatchObject({ agreementWithAi: 0.4, judgementVerdicts: 5 });
    expect(dashboard.trend).toHaveLength(1);
    expect(dashboard.trend[0]!.approvalRate).toBe(team.approvalRate);
    expect(dashboard.trend[0]!.goldCatchRate).toBe(team.goldCatchRate);
    expect(dashboard.reviewers[0]!.figures.approvalRate).toBe(team.approvalRate);
  });

  it("the effective verification rate is the same on the dashboard, the system page and in the proof pack", async () => {
    const lena = callerFor(t.deps, lead);
    const dashboard = await lena.indicators.dashboard({ ...day, system: "refund-triage" });
    const cost = (await lena.metrics.cost({ systemId: refundId, from: day.from, to: day.to }))!;
    const report = (await readPack(await downloadPack(t, auditor, `system=refund-triage&from=${day.from}&to=${day.to}`, "eff.zip"))).get("report.html")!.toString();

    const [onDashboard] = dashboard.effectiveRates;
    expect(onDashboard).toMatchObject({ received: 5, reviewed: 4, goldDecisions: 1, goldCatchRate: 1, effectiveRate: 0.8 });
    expect(cost.effective).toEqual(onDashboard);
    expect(row(report, "Effective verification rate (decided share × gold catch rate)")).toBe(asPackPercent(onDashboard!.effectiveRate!));
    expect(row(report, "Catch rate")).toBe(asPackPercent(dashboard.team.goldCatchRate!));
  });

  it("open items on the dashboard are what the queue lists, gold copies counted and named", async () => {
    const lena = callerFor(t.deps, lead);
    const dashboard = await lena.indicators.dashboard({ ...day, system: "refund-triage" });
    const queue = await lena.queue.list({ system: "refund-triage" });
    const open = dashboard.queueHealth.open;
    expect(open).toMatchObject({ escalations: 1, awaitingLead: 0 });
    expect(open.inQueue).toBe(queue.total);
    expect(open.inQueue).toBe(open.escalations + open.goldCopies);
    expect(open.label).toContain(`${open.goldCopies} gold cop`);
    expect(dashboard.queueHealth.backlog.reduce((n, b) => n + b.items, 0)).toBe(open.inQueue);
    expect(await lena.metrics.open({ systemId: refundId })).toEqual(open);
  });

  it("a reviewer cannot read the lead's open-item count of a system", async () => {
    await expect(callerFor(t.deps, ana).metrics.open({ systemId: refundId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
