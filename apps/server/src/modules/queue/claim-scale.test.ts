import { describe, expect, it } from "vitest";
import { testEngine } from "../../db/pg/test-database";
import { insertQueued } from "../../testing/bulk";
import { addSystem, addUser, testDeps } from "../../testing/fixtures";
import { queryPlans } from "../../testing/query-plans";
import { claimNext } from "./claim";
import { releaseEscalation } from "./release";

/** Median time of one claim (and its release) with `queued` items waiting, on a fresh database. */
async function medianClaimMs(queued: number) {
  const { deps } = testDeps(Date.now());
  const { system } = await addSystem(deps, "refund-triage", { goldRate: 0.1 });
  await addSystem(deps, "kyc-check");
  const reviewer = await addUser(deps, "r@example.com", ["reviewer"]);
  await insertQueued(deps.db, system.id, queued, { now: deps.now() });
  // No ANALYZE: the server never runs it, so the planner has no statistics, as in production.
  const times: number[] = [];
  for (let i = 0; i < 41; i++) {
    const start = performance.now();
    const claim = (await claimNext(deps, reviewer.id))!;
    times.push(performance.now() - start);
    await releaseEscalation(deps, reviewer.id, claim.escalationId);
  }
  await deps.db.$client.close();
  return times.sort((a, b) => a - b)[20]!;
}

/** The plan of every statement a claim reads with, as SQLite's EXPLAIN QUERY PLAN gives it. */
async function claimPlans(queued: number) {
  const { deps } = testDeps(Date.now());
  const { system } = await addSystem(deps, "refund-triage", { goldRate: 0.1 });
  const reviewer = await addUser(deps, "r@example.com", ["reviewer"]);
  await insertQueued(deps.db, system.id, queued, { now: deps.now() });
  const plans = await queryPlans(deps.db, () => claimNext(deps, reviewer.id));
  await deps.db.$client.close();
  return plans;
}

describe("claiming at scale", () => {
  it.skipIf(testEngine() === "postgres")("a claim reads escalations off its indexes and never sorts the queue, with no statistics gathered", async () => {
    const plans = await claimPlans(2_000);
    expect(plans.filter(({ plan }) => plan.includes("escalations_claim_real_idx"))).toHaveLength(1);
    expect(plans.filter(({ plan }) => plan.includes("escalations_claim_gold_idx"))).toHaveLength(1);
    for (const { text, plan } of plans) expect(plan, text).not.toMatch(/\bSCAN escalations\b/);
    // The first look may sort: the lease the reviewer still holds, oldest first. It reads escalations
    // off escalations_lease_idx alone, whose rows are the items in review, so it never sorts the queue.
    const look = plans.find(({ text }) => text.includes("WITH expired AS"))!;
    expect([...look.plan.matchAll(/SEARCH escalations USING (?:COVERING )?INDEX (\S+)/g)].map((match) => match[1])).toEqual(["escalations_lease_idx", "escalations_lease_idx"]);
    for (const { text, plan } of plans.filter((other) => other !== look)) expect(plan, text).not.toMatch(/escalations.*TEMP B-TREE FOR ORDER BY/);
  });

  it("a claim costs the same with 100k items queued as with 1k: it walks an index, never sorts the queue", async () => {
    await medianClaimMs(1_000); // warm-up: module loading and statement caches
    const small = await medianClaimMs(1_000);
    const large = await medianClaimMs(100_000);
    expect(large).toBeLessThan(3 * Math.max(small, 0.5));
  }, 120_000);
});
