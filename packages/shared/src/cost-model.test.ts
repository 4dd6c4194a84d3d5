import { describe, expect, it } from "vitest";
import { breakEvenRate, costPerItem, reviewCostPerItem, wilsonInterval } from "./cost-model";

// The reference's figures: AI €0.50, a review costing as much as the manual process (€6.00).
const reference = { aiCostPerItem: 0.5, reviewCostPerItem: 6 };

describe("the cost model", () => {
  it.each([
    ["fully manual (no AI, every item by a human)", 6.0, { aiCostPerItem: 0, reviewCostPerItem: 6 }, 1.0],
    ["50% verification", 3.5, reference, 0.5],
    ["10% verification", 1.1, reference, 0.1],
    ["100% verification (HITL), more than manual", 6.5, reference, 1.0],
  ] as const)("%s costs €%s per item", (_label, expected, inputs, rate) => {
    expect(costPerItem(inputs, rate)).toBeCloseTo(expected, 10);
  });

  it("breaks even at a verification rate of 91.7%", () => {
    expect(breakEvenRate(reference, 6)).toBeCloseTo(0.9167, 4);
  });

  it("a 10% case measured at 40% is dead money: €2.90 instead of €1.10", () => {
    expect(costPerItem(reference, 0.4)).toBeCloseTo(2.9, 10);
  });

  it("gold items make each real review cost more", () => {
    expect(costPerItem({ ...reference, goldShare: 0.2 }, 0.1)).toBeCloseTo(0.5 + 0.1 * 7.5, 10);
  });

  it("derives review cost from an hourly rate and measured active time", () => {
    expect(reviewCostPerItem({ kind: "per_hour", hourlyRate: 48 }, 90)).toBeCloseTo(1.2, 10);
    expect(reviewCostPerItem({ kind: "per_hour", hourlyRate: 48 }, null)).toBeNull();
    expect(reviewCostPerItem({ kind: "per_item", amount: 6 }, null)).toBe(6);
  });
});

describe("the Wilson interval", () => {
  it("matches published values", () => {
    // 40 of 100: 95% Wilson interval 0.3094–0.4980.
    const interval = wilsonInterval(40, 100)!;
    expect(interval.low).toBeCloseTo(0.3094, 3);
    expect(interval.high).toBeCloseTo(0.498, 3);
  });

  it("stays inside 0..1 at the edges and is undefined with no trials", () => {
    expect(wilsonInterval(0, 10)!.low).toBe(0);
    expect(wilsonInterval(10, 10)!.high).toBeCloseTo(1, 12);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
