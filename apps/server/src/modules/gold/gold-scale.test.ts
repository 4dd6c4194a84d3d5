import { describe, expect, it } from "vitest";
import { operator } from "../../lib/context";
import { analyzeLikeProduction, insertQueued } from "../../testing/bulk";
import { addSystem, escalationBody, testDeps } from "../../testing/fixtures";
import { addGoldItems } from "./add-gold";
import { deactivateGoldItem, listGoldItems } from "./manage";

/** Median times of the gold list and of deactivating a gold item, with `queued` real escalations beside five gold items. */
async function goldMs(queued: number) {
  const { deps } = testDeps(Date.now());
  const { system } = await addSystem(deps, "refund-triage", { goldRate: 0.1 });
  const items = Array.from({ length: 5 }, (_, i) => ({ escalation: escalationBody({ externalId: `gold-${i}` }), expectedOutcome: "rejected" as const }));
  await addGoldItems(deps, operator, system.id, items);
  await insertQueued(deps.db, system.id, queued, { now: deps.now() });
  await analyzeLikeProduction(deps.db);
  const median = (times: number[]) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  const listTimes: number[] = [];
  for (let i = 0; i < 11; i++) {
    const start = performance.now();
    await listGoldItems(deps, system.id);
    listTimes.push(performance.now() - start);
  }
  const deactivateTimes: number[] = [];
  for (const { id } of await listGoldItems(deps, system.id)) {
    const start = performance.now();
    await deactivateGoldItem(deps, operator, id);
    deactivateTimes.push(performance.now() - start);
  }
  await deps.db.$client.close();
  return { list: median(listTimes), deactivate: median(deactivateTimes) };
}

describe("gold items at scale", () => {
  it("listing and deactivating them costs the same beside 100k real escalations as beside 1k: they read the gold copies only", async () => {
    await goldMs(1_000); // warm-up: module loading and statement caches
    const small = await goldMs(1_000);
    const large = await goldMs(100_000);
    expect(large.list).toBeLessThan(3 * Math.max(small.list, 1));
    expect(large.deactivate).toBeLessThan(3 * Math.max(small.deactivate, 1));
  }, 120_000);
});
