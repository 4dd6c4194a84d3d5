import { describe, expect, it } from "vitest";
import { statement } from "../lib/prepared";
import { insertDecided, insertQueued } from "./bulk";
import { addSystem, addUser, testDeps } from "./fixtures";

describe("bulk rows for scale tests and benchmarks", () => {
  it("queues escalations over the four priorities and a day of arrivals, on either engine", async () => {
    const { deps } = testDeps();
    const { system } = await addSystem(deps);
    await insertQueued(deps.db, system.id, 400, { now: deps.now() });
    const byPriority = await statement(deps.db, "SELECT priority, count(*) AS n FROM escalations WHERE status = 'queued' GROUP BY priority ORDER BY priority").all();
    expect(byPriority).toEqual([
      { priority: "high", n: 20 },
      { priority: "low", n: 20 },
      { priority: "normal", n: 340 },
      { priority: "urgent", n: 20 },
    ]);
    const span = await statement(deps.db, "SELECT min(received_at) AS first, max(received_at) AS last FROM escalations").get<{ first: number; last: number }>();
    expect(span!.first).toBeGreaterThanOrEqual(deps.now() - 86_400_000);
    expect(span!.last).toBeLessThan(deps.now());
  });

  it("decides a history with one verification each, the reviewers in turn, the eighth rubber-stamping", async () => {
    const { deps } = testDeps();
    const { system } = await addSystem(deps);
    const reviewerIds: string[] = [];
    for (let k = 0; k < 8; k++) reviewerIds.push((await addUser(deps, `r${k}@example.com`, ["reviewer"])).id);
    await insertDecided(deps.db, { systemId: system.id, count: 160, reviewerIds, days: 4, now: deps.now() });
    const perReviewer = await statement(deps.db, "SELECT reviewer_id, count(*) AS n FROM verifications GROUP BY reviewer_id").all<{ n: number }>();
    expect(perReviewer.map((row) => row.n)).toEqual(Array(8).fill(20));
    const stamper = await statement(
      deps.db,
      "SELECT count(*) FILTER (WHERE outcome = 'approved') AS approved, max(active_seconds) AS longest FROM verifications WHERE reviewer_id = ?",
    ).get(reviewerIds[7]);
    expect(stamper).toEqual({ approved: 20, longest: 21 });
    expect(await statement(deps.db, "SELECT count(*) FROM verifications WHERE gold_caught IS NOT NULL").value()).toBe(4);
  });
});
