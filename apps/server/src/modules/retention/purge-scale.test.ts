import { describe, expect, it } from "vitest";
import { operator } from "../../lib/context";
import { analyzeLikeProduction, insertDecided } from "../../testing/bulk";
import { addSystem, addUser, testDeps } from "../../testing/fixtures";
import { purgeExpired } from "./purge";

const day = 86_400_000;

/** How long the purge of 200 escalations past a six-month retention takes beside `recent` decided within the last month. */
async function purgeMs(recent: number) {
  const { deps } = testDeps(Date.now());
  const { system } = await addSystem(deps, "refund-triage", { retentionMonths: 6 });
  const reviewerIds = [(await addUser(deps, "r@example.com", ["reviewer"])).id];
  await insertDecided(deps.db, { systemId: system.id, count: 200, reviewerIds, days: 30, now: deps.now() - 240 * day, prefix: "old" });
  await insertDecided(deps.db, { systemId: system.id, count: recent, reviewerIds, days: 30, now: deps.now() - 60_000, prefix: "recent" });
  await analyzeLikeProduction(deps.db);
  const start = performance.now();
  const report = await purgeExpired(deps, operator, { dryRun: false });
  const ms = performance.now() - start;
  await deps.db.$client.close();
  return { ms, purged: report.systems[0]!.escalations };
}

describe("the retention purge at scale", () => {
  it("costs the same beside 100k recent decisions as beside 1k: it walks what fell due, not the system's history", async () => {
    await purgeMs(1_000); // warm-up: module loading and statement caches
    const small = await purgeMs(1_000);
    const large = await purgeMs(100_000);
    expect([small.purged, large.purged]).toEqual([200, 200]);
    expect(large.ms).toBeLessThan(3 * Math.max(small.ms, 5));
  }, 120_000);
});
