import { describe, expect, it } from "vitest";
import { insertQueued } from "../../testing/bulk";
import { statement } from "../../lib/prepared";
import { write } from "../../lib/tx";
import { addSystem, addUser, testDeps } from "../../testing/fixtures";
import { claimNext } from "./claim";
import { releaseEscalation } from "./release";

/** Median time of one claim (and its release) with `queued` items waiting, on a fresh database. */
async function medianClaimMs(queued: number) {
  const { deps } = testDeps(Date.now());
  const { system } = await addSystem(deps, "refund-triage", { goldRate: 0.1 });
  await addSystem(deps, "kyc-check");
  const reviewer = await addUser(deps, "r@example.com", ["reviewer"]);
  await insertQueued(deps.db, system.id, queued, { now: deps.now() });
  // On the write connection: outside a transaction statements read on the read-only one.
  await write(deps.db, () => statement(deps.db, "ANALYZE").run());
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

describe("claiming at scale", () => {
  it("a claim costs the same with 100k items queued as with 1k: it walks an index, never sorts the queue", async () => {
    await medianClaimMs(1_000); // warm-up: module loading and statement caches
    const small = await medianClaimMs(1_000);
    const large = await medianClaimMs(100_000);
    expect(large).toBeLessThan(3 * Math.max(small, 0.5));
  }, 120_000);
});
