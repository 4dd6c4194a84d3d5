import { describe, expect, it } from "vitest";
import { analyzeLikeProduction, insertDecided, insertQueued } from "../../testing/bulk";
import { addSystem, addUser, testDeps } from "../../testing/fixtures";
import { claimNext } from "../queue/claim";
import { decide } from "./decide";

/** Median time of one decision by a reviewer who has already decided `history` items of the system, on a fresh database. */
async function medianDecideMs(history: number) {
  const { deps, advance } = testDeps(Date.now());
  const { system } = await addSystem(deps, "refund-triage", { minDwellSeconds: 0, minRationaleChars: 10 });
  const reviewer = await addUser(deps, "r@example.com", ["reviewer"]);
  // A month of their decisions, the last a minute ago.
  await insertDecided(deps.db, { systemId: system.id, count: history, reviewerIds: [reviewer.id], days: 30, now: deps.now() - 60_000 });
  await insertQueued(deps.db, system.id, 41, { now: deps.now() });
  await analyzeLikeProduction(deps.db);
  const times: number[] = [];
  for (let i = 0; i < 41; i++) {
    advance(1);
    const claim = (await claimNext(deps, reviewer.id))!;
    const start = performance.now();
    await decide(deps, reviewer.id, {
      escalationId: claim.escalationId,
      outcome: "approved",
      checklist: { "matches-request": "yes", "within-policy": "yes" },
      rationale: `Item ${i}: ${["photo", "invoice", "tracking", "address", "serial"][i % 5]} checked against order ${i * 7919}.`,
    });
    times.push(performance.now() - start);
  }
  await deps.db.$client.close();
  return times.sort((a, b) => a - b)[20]!;
}

describe("deciding at scale", () => {
  it("a decision costs the same after 100k earlier decisions of the reviewer on the system as after 1k: it reads their day, not their history", async () => {
    await medianDecideMs(1_000); // warm-up: module loading and statement caches
    const small = await medianDecideMs(1_000);
    const large = await medianDecideMs(100_000);
    expect(large).toBeLessThan(3 * Math.max(small, 0.5));
  }, 120_000);
});
