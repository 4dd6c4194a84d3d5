import { describe, expect, it } from "vitest";
import { Tally, type VerificationFacts } from "./tally";

const day = Date.parse("2026-11-20T08:00:00Z");
const facts = (minute: number, active: number, outcome = "approved", confidence = 0.9): VerificationFacts => [
  "usr_a", day + minute * 60_000, day + minute * 60_000 - active * 1000, active, outcome, 20, null, 1, 1, 0.1, null, null, null, confidence, "sys_a",
];

describe("a reviewer's tally", () => {
  it("finds the median and p10 active time from its histogram, as row_number() would", () => {
    const tally = new Tally(0.6);
    [50, 10, 40, 20, 30].forEach((active, i) => tally.add(facts(i, active)));
    tally.closeDay();
    expect(tally.figures()).toMatchObject({ decisions: 5, medianActiveSeconds: 30, p10ActiveSeconds: 10 });
  });

  it("compares the second half of each working day with the first, on days with enough decisions", () => {
    const tally = new Tally(0.6);
    [100, 100, 100, 40, 40, 40].forEach((active, i) => tally.add(facts(i * 10, active)));
    tally.add(facts(24 * 60 + 1, 5)); // a next day with one decision says nothing about drift
    tally.closeDay();
    expect(tally.figures().dayDriftRatio).toBeCloseTo(0.4, 10);
  });

  it("keeps the longest run of approvals, and the team takes the longest of its reviewers'", () => {
    const a = new Tally(0.6);
    ["approved", "approved", "rejected", "approved", "approved", "approved"].forEach((o, i) => a.add(facts(i, 30, o)));
    const team = new Tally(0.6);
    team.absorb(a);
    expect(a.figures().longestApprovalStreak).toBe(3);
    expect(team.figures()).toMatchObject({ decisions: 6, longestApprovalStreak: 3, approvalRate: 5 / 6 });
  });
});
