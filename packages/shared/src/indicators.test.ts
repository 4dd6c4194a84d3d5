import { describe, expect, it } from "vitest";
import { expectedLongestRun, zScore } from "./indicators";

describe("indicator statistics", () => {
  it("expects longer approval runs by chance from more decisions and higher approval rates", () => {
    expect(expectedLongestRun(30, 0.8)).toBeCloseTo(8.03, 1);
    expect(expectedLongestRun(1300, 0.7)).toBeCloseTo(16.7, 1);
    expect(expectedLongestRun(30, 1)).toBeNull();
  });

  it("scores a value against its peers, and says nothing when peers do not vary", () => {
    expect(zScore(0.9, [0.5, 0.6, 0.7])).toBeCloseTo(3, 5);
    expect(zScore(0.9, [0.6])).toBeNull();
    expect(zScore(0.9, [0.6, 0.6])).toBeNull();
  });
});
