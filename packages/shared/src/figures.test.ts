import { describe, expect, it } from "vitest";
import {
  agreementWithAi,
  approvalRate,
  businessCaseHolds,
  confidenceBandOf,
  confidenceBandSql,
  confidenceBands,
  effectiveVerificationRate,
  goldCatchByWeek,
  openItems,
  overrideRate,
  quantileRank,
  verificationRate,
  withinTolerance,
} from "./figures";
import { layerConflicts } from "./layer-conflicts";

describe("the verification rate", () => {
  it("is received ÷ reported, with a Wilson interval", () => {
    const rate = verificationRate({ received: 12, reported: 120 });
    expect(rate).toMatchObject({ rate: 0.1, exceedsReported: false });
    expect(rate.interval!.low).toBeLessThan(0.1);
    expect(rate.interval!.high).toBeGreaterThan(0.1);
    expect(verificationRate({ received: 111, reported: 111 }).rate).toBe(1);
  });

  it("is never above 100%: more escalations than reported outputs is a conflict, not a rate", () => {
    expect(verificationRate({ received: 120, reported: 111 })).toEqual({ received: 120, reported: 111, rate: null, interval: null, exceedsReported: true });
    expect(verificationRate({ received: 3, reported: 0 })).toMatchObject({ rate: null, exceedsReported: true });
  });

  it("is not known when nothing was reported or received", () => {
    expect(verificationRate({ received: 0, reported: 0 })).toMatchObject({ rate: null, interval: null, exceedsReported: false });
  });

  it("turns an impossible rate into a layer conflict that names both counts", () => {
    const conflicts = layerConflicts({
      oversightMode: "HITL",
      assumedRate: 1,
      escalationsReceived: 120,
      volume: verificationRate({ received: 120, reported: 111 }),
      measuredRate: null,
      costAtMeasuredRate: null,
      manualCostPerItem: 6,
      currency: "EUR",
    });
    expect(conflicts.map((c) => c.code)).toEqual(["received_exceeds_reported"]);
    expect(conflicts[0]!.message).toContain("received 120 escalations, but the AI system reported 111 outputs");
    expect(conflicts[0]!.message).not.toContain("108");
  });
});

describe("whether the business case holds", () => {
  const calm = {
    rate: verificationRate({ received: 10, reported: 100 }),
    assumedRate: 0.1,
    tolerance: 0.05,
    costAtMeasuredRate: 1.1,
    manualCostPerItem: 6,
    openDriftAlertSince: null,
  };

  it("holds within tolerance and below the manual cost", () => {
    expect(businessCaseHolds(calm)).toEqual({ holds: true, reasons: [] });
    expect(withinTolerance(0.15, 0.1, 0.05)).toBe(true);
    expect(withinTolerance(0.16, 0.1, 0.05)).toBe(false);
  });

  it("never holds while a drift alert is open, whatever the longer window averages to", () => {
    const check = businessCaseHolds({ ...calm, openDriftAlertSince: "2026-11-20T08:00:00.000Z" });
    expect(check.holds).toBe(false);
    expect(check.reasons).toEqual(["a drift alert is open since 2026-11-20T08:00:00.000Z"]);
  });

  it("does not hold outside the tolerance or above the manual cost, and is unknown under a volume conflict", () => {
    expect(businessCaseHolds({ ...calm, rate: verificationRate({ received: 40, reported: 100 }) }).holds).toBe(false);
    expect(businessCaseHolds({ ...calm, costAtMeasuredRate: 6.5 }).holds).toBe(false);
    const conflict = businessCaseHolds({ ...calm, rate: verificationRate({ received: 120, reported: 111 }), costAtMeasuredRate: null });
    expect(conflict.holds).toBeNull();
    expect(conflict.reasons[0]).toContain("received 120 escalations");
  });
});

describe("decision figures", () => {
  it("approval rate leaves escalated-further decisions out; override rate is its complement", () => {
    expect(approvalRate({ approved: 3, overridden: 1 })).toBe(0.75);
    expect(overrideRate({ approved: 3, overridden: 1 })).toBe(0.25);
    expect(approvalRate({ approved: 0, overridden: 0 })).toBeNull();
  });

  it("agreement with the AI reads the reviewer's own verdict, not the final outcome", () => {
    expect(agreementWithAi({ verdicts: 4, agreeing: 1 })).toBe(0.25);
    expect(agreementWithAi({ verdicts: 0, agreeing: 0 })).toBeNull();
  });

  it("effective verification rate is the decided share × the gold catch rate", () => {
    const effective = effectiveVerificationRate({ received: 10, decided: 8, goldDecided: 4, goldCaught: 3 });
    expect(effective).toMatchObject({ reviewedShare: 0.8, goldCatchRate: 0.75 });
    expect(effective.rate).toBeCloseTo(0.6, 10);
    expect(effective.interval!.high).toBeLessThanOrEqual(0.8);
    expect(effectiveVerificationRate({ received: 10, decided: 8, goldDecided: 0, goldCaught: 0 })).toMatchObject({ rate: null, interval: null });
  });
});

describe("quantiles of active time", () => {
  it("pick an observed value: the lower middle for an even count", () => {
    expect(quantileRank(0.5, 5)).toBe(3);
    expect(quantileRank(0.5, 4)).toBe(2);
    expect([1, 10, 11, 20, 21].map((n) => quantileRank(0.1, n))).toEqual([1, 1, 2, 2, 3]);
    expect(quantileRank(1, 7)).toBe(7);
    expect(quantileRank(0.5, 0)).toBeNull();
  });
});

describe("confidence bands", () => {
  it("place a confidence in the same band in code and in SQL", () => {
    expect([0.2, 0.5, 0.69, 0.7, 0.84, 0.85, 1].map(confidenceBandOf)).toEqual([0, 1, 1, 2, 2, 3, 3]);
    expect(confidenceBands).toHaveLength(4);
    expect(confidenceBandSql("c")).toBe("CASE WHEN c < 0.5 THEN 0 WHEN c < 0.7 THEN 1 WHEN c < 0.85 THEN 2 ELSE 3 END");
  });
});

describe("open items", () => {
  it("count what the queue shows, say how many are gold copies, and keep disputes apart", () => {
    expect(openItems({ escalations: 38, goldCopies: 3, awaitingLead: 1 })).toEqual({
      inQueue: 41,
      escalations: 38,
      goldCopies: 3,
      awaitingLead: 1,
      label: "41 items in the queue (38 escalations, 3 gold copies); 1 dispute waiting for a lead",
    });
  });
});

describe("gold catch by week", () => {
  it("adds a week's gold counts (Monday to Sunday, UTC) instead of a daily rate that jumps between 0% and 100%", () => {
    const weeks = goldCatchByWeek([
      { day: "2026-11-23", goldDecided: 1, goldCaught: 1 }, // Monday
      { day: "2026-11-25", goldDecided: 0, goldCaught: 0 },
      { day: "2026-11-29", goldDecided: 2, goldCaught: 0 }, // Sunday
      { day: "2026-11-30", goldDecided: 1, goldCaught: 1 }, // next Monday
    ]);
    expect(weeks).toEqual([
      { weekStart: "2026-11-23", decided: 3, caught: 1, rate: 1 / 3 },
      { weekStart: "2026-11-30", decided: 1, caught: 1, rate: 1 },
    ]);
  });
});

