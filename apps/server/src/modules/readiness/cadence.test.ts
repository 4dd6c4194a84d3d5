import { describe, expect, it } from "vitest";
import { reviewCadence } from "./cadence";

const day = 86_400_000;
const live = Date.parse("2026-01-31T12:00:00Z");

describe("the readiness review cadence", () => {
  it("asks only for the go-live review while a system is not live, and never calls it overdue", () => {
    const cadence = reviewCadence(null, [], live);
    expect(cadence.steps.map((s) => s.label)).toEqual(["before go-live"]);
    expect(cadence.next).toMatchObject({ milestone: "before_go_live", dueAt: null, overdue: false });
    expect(cadence.overdue).toBe(false);
  });

  it("flags the day-30 review as overdue 40 days after go-live", () => {
    const reviews = [{ id: "r1", milestone: "before_go_live", recordedAt: live - day }];
    const cadence = reviewCadence(live, reviews, live + 40 * day);
    expect(cadence.next).toMatchObject({ milestone: "day_30", dueAt: "2026-03-02T12:00:00.000Z", overdue: true });
    expect(cadence.steps.find((s) => s.milestone === "day_90")?.overdue).toBe(false);
    expect(cadence.overdue).toBe(true);
  });

  it("counts quarters by calendar month after day 90, and a late review still meets its step", () => {
    const reviews = [
      { id: "r0", milestone: "before_go_live", recordedAt: live - day },
      { id: "r30", milestone: "day_30", recordedAt: live + 31 * day },
      { id: "r90", milestone: "day_90", recordedAt: live + 95 * day },
      { id: "q1", milestone: "quarterly", recordedAt: live + 200 * day },
    ];
    const cadence = reviewCadence(live, reviews, live + 200 * day);
    const quarterly = cadence.steps.filter((s) => s.milestone === "quarterly");
    // Day 90 is 2026-05-01; quarters fall on 1 August and 1 November.
    expect(quarterly.map((s) => s.dueAt)).toEqual(["2026-08-01T12:00:00.000Z", "2026-11-01T12:00:00.000Z"]);
    expect(quarterly[0]).toMatchObject({ reviewId: "q1", overdue: false });
    expect(cadence.next).toMatchObject({ label: "quarterly 2", overdue: false });
    expect(cadence.overdue).toBe(false);
  });
});
