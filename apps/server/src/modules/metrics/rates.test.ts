import { wilsonInterval } from "@countersign/shared/cost-model";
import { beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { operator } from "../../lib/context";
import { addSystem, addUser, callerFor, testDeps } from "../../testing/fixtures";
import { machineClient, referenceCase } from "../../testing/operations";
import { setBusinessCase } from "../systems/set-business-case";
import type { UserSummary } from "../users/queries";

const dayMs = 86_400_000;
let t: Awaited<ReturnType<typeof testDeps>>;
let systemId: string;
let lead: UserSummary;

/**
 * Three days of production reported over REST, across an ISO week (Monday 30 November) and a
 * month boundary (1 December):
 *   Sun 29 Nov: 100 outputs, 10 escalations received, the gateway says 10
 *   Mon 30 Nov: 200 outputs, 30 escalations received, the gateway says 34 (4 never arrived)
 *   Tue  1 Dec:  50 outputs, 20 escalations received, no gateway count
 */
beforeAll(async () => {
  t = testDeps(Date.parse("2026-11-29T00:00:00Z"));
  const { key, system } = await addSystem(t.deps);
  systemId = system.id;
  await setBusinessCase(t.deps, operator, { systemId, businessCase: referenceCase });
  const gateway = machineClient(buildApp(t.deps), key);
  const days = [
    { total: 100, received: 10, escalated: 10 as number | undefined },
    { total: 200, received: 30, escalated: 34 },
    { total: 50, received: 20, escalated: undefined },
  ];
  for (const day of days) {
    const start = t.deps.now();
    for (let i = 0; i < day.received; i++) {
      t.advance(60);
      expect((await gateway.escalate()).status).toBe(201);
    }
    t.advance((start + dayMs - t.deps.now()) / 1000);
    const res = await gateway.reportVolume({
      periodStart: new Date(start).toISOString(),
      periodEnd: new Date(start + dayMs).toISOString(),
      total: day.total,
      ...(day.escalated === undefined ? {} : { escalated: day.escalated }),
    });
    expect(res.status).toBe(201);
  }
  lead = await addUser(t.deps, "lena@example.com", ["lead"]);
});

describe("the measured verification rate from REST-reported volume", () => {
  it("per day, with a Wilson 95% interval and cost per item at each day's rate", async () => {
    const rates = await callerFor(t.deps, lead).metrics.rates({ systemId, granularity: "day" });
    expect(rates.buckets.map((b) => [b.label, b.total, b.received, b.rate])).toEqual([
      ["2026-11-29", 100, 10, 0.1],
      ["2026-11-30", 200, 30, 0.15],
      ["2026-12-01", 50, 20, 0.4],
    ]);
    expect(rates.buckets[2]!.interval).toEqual(wilsonInterval(20, 50));
    expect(rates.buckets[2]!.interval!.low).toBeCloseTo(0.276, 3);
    expect(rates.buckets[2]!.interval!.high).toBeCloseTo(0.538, 3);
    expect(rates.buckets[0]!.costAtMeasuredRate).toBeCloseTo(1.1, 10);
    expect(rates.buckets[2]!.costAtMeasuredRate).toBeCloseTo(2.9, 10);
    expect(rates.overall).toMatchObject({ total: 350, received: 60 });
    expect(rates.businessCase).toMatchObject({ assumedRate: 0.1, tolerance: 0.05, costAtAssumedRate: expect.closeTo(1.1, 10) });
    expect(rates.businessCase!.breakEvenRate).toBeCloseTo(0.9167, 4);
  });

  it("per ISO week and per month", async () => {
    const weeks = await callerFor(t.deps, lead).metrics.rates({ systemId, granularity: "week" });
    expect(weeks.buckets.map((b) => [b.bucket, b.label, b.total, b.received])).toEqual([
      ["2026-11-23", "2026-W48", 100, 10],
      ["2026-11-30", "2026-W49", 250, 50],
    ]);
    expect(weeks.buckets[1]!.rate).toBeCloseTo(0.2, 10);
    const months = await callerFor(t.deps, lead).metrics.rates({ systemId, granularity: "month" });
    expect(months.buckets.map((b) => [b.label, b.total, b.received])).toEqual([
      ["2026-11", 300, 40],
      ["2026-12", 50, 20],
    ]);
  });

  it("shows where the gateway's escalated count and what Countersign received disagree", async () => {
    const days = await callerFor(t.deps, lead).metrics.rates({ systemId, granularity: "day" });
    expect(days.buckets.map((b) => b.gateway)).toEqual([
      { escalated: 10, received: 10, difference: 0, periods: 1, disagreeingPeriods: 0 },
      { escalated: 34, received: 30, difference: 4, periods: 1, disagreeingPeriods: 1 },
      null,
    ]);
    const weeks = await callerFor(t.deps, lead).metrics.rates({ systemId, granularity: "week" });
    // Week 49's gateway figures cover only Monday, the one period that carried a count.
    expect(weeks.buckets[1]!.gateway).toEqual({ escalated: 34, received: 30, difference: 4, periods: 1, disagreeingPeriods: 1 });
    expect(days.gatewayDisagreements).toEqual([
      {
        id: expect.stringMatching(/^vol_/),
        periodStart: "2026-11-30T00:00:00.000Z",
        periodEnd: "2026-12-01T00:00:00.000Z",
        total: 200,
        gatewayEscalated: 34,
        received: 30,
        difference: 4,
      },
    ]);
  });

  it("respects an explicit window", async () => {
    const rates = await callerFor(t.deps, lead).metrics.rates({
      systemId,
      granularity: "day",
      from: "2026-11-30T00:00:00Z",
      to: "2026-12-01T00:00:00Z",
    });
    expect(rates.buckets.map((b) => b.label)).toEqual(["2026-11-30"]);
    await expect(
      callerFor(t.deps, lead).metrics.rates({ systemId, from: "2026-12-01T00:00:00Z", to: "2026-11-30T00:00:00Z" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("puts the break-even rate and the cost at the measured rate in the cost figures", async () => {
    const cost = await callerFor(t.deps, lead).metrics.cost({ systemId });
    expect(cost).toMatchObject({ currency: "EUR", manualCostPerItem: 6, assumedRate: 0.1, total: 350, received: 60 });
    expect(cost!.measuredRate).toBeCloseTo(60 / 350, 10);
    expect(cost!.costAtAssumedRate).toBeCloseTo(1.1, 10);
    expect(cost!.costAtMeasuredRate).toBeCloseTo(0.5 + (60 / 350) * 6, 10);
    expect(cost!.breakEvenRate).toBeCloseTo(0.9167, 4);
    expect(cost!.savingPerItem).toBeCloseTo(6 - cost!.costAtMeasuredRate!, 10);
    expect(cost!.costRange!.low).toBeLessThan(cost!.costAtMeasuredRate!);
    expect(cost!.reviewCost).toMatchObject({ basis: "per_item", perItem: 6 });
    // Nothing reviewed and no gold decided yet: the effective rate is there, but has no value.
    expect(cost!.effective).toMatchObject({ received: 60, reviewed: 0, goldDecisions: 0, effectiveRate: null });
  });

  it("is read by leads, auditors and admins, and not by reviewers", async () => {
    for (const role of ["auditor", "admin"] as const) {
      const user = await addUser(t.deps, `${role}-reads@example.com`, [role]);
      await expect(callerFor(t.deps, user).metrics.rates({ systemId })).resolves.toBeTruthy();
    }
    const reviewer = await addUser(t.deps, "rea-reads@example.com", ["reviewer"]);
    await expect(callerFor(t.deps, reviewer).metrics.rates({ systemId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(t.deps, reviewer).metrics.cost({ systemId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
