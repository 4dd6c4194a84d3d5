import { describe, expect, it } from "vitest";
import type { QueueFilter } from "@countersign/shared/queue";
import { testEngine } from "../../db/pg/test-database";
import { insertQueued } from "../../testing/bulk";
import { statement } from "../../lib/prepared";
import { write } from "../../lib/tx";
import { addSystem, addUser, escalationBody, testDeps } from "../../testing/fixtures";
import { receiveEscalation } from "../escalations/receive";
import { searchWindow, totalCap } from "./list-conditions";
import { listQueue } from "./list";

/** A fresh database with `queued` bulk items for one system, a reviewer and a lead. */
async function queueOf(queued: number) {
  const { deps } = testDeps(Date.now());
  const { system } = await addSystem(deps, "refund-triage", { goldRate: 0.1 });
  await addSystem(deps, "kyc-check");
  const reviewer = await addUser(deps, "r@example.com", ["reviewer"]);
  if (queued > 0) await insertQueued(deps.db, system.id, queued, { now: deps.now() });
  // On the write connection: outside a transaction statements read on the read-only one.
  await write(deps.db, () => statement(deps.db, "ANALYZE").run());
  // What autovacuum does after a bulk insert on PostgreSQL (it marks the pages all-visible, so an
  // index-only scan reads no row), without waiting for it. VACUUM cannot run in a transaction.
  if (testEngine() === "postgres") await (deps.db.$client as unknown as { query(text: string): Promise<unknown> }).query("VACUUM escalations");
  return { deps, system, reviewer };
}

/** Median time of the queue's first page and its total with `queued` items waiting. */
async function medianPageMs(queued: number, filter: QueueFilter) {
  const { deps, reviewer } = await queueOf(queued);
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const start = performance.now();
    await listQueue(deps, reviewer, filter);
    times.push(performance.now() - start);
  }
  await deps.db.$client.close();
  return times.sort((a, b) => a - b)[10]!;
}

describe("the queue page at scale", () => {
  it.each<[string, QueueFilter, number]>([
    ["the default view", {}, 1_000],
    ["urgent items by age", { priority: "urgent", sort: "age" }, 1_000],
    // One match at either size (bulk-0). The free text is looked for among the newest 10,000
    // (searchWindow), which the smaller queue fills too.
    ["a search by an externalId's beginning", { search: "bulk-0" }, searchWindow],
    // Every item matches, too many to list: the search is checked on the rows the page walks.
    ["a search every item matches", { search: "bulk" }, searchWindow],
  ])("%s costs about the same with 100k items queued as with fewer: it walks an index, never sorts the queue", async (_, filter, fewer) => {
    await medianPageMs(1_000, filter); // warm-up: module loading and statement caches
    const small = await medianPageMs(fewer, filter);
    const large = await medianPageMs(100_000, filter);
    // The floor keeps a shared, loaded machine's jitter on a few milliseconds from deciding; a
    // page that sorts or counts the whole queue takes hundreds of milliseconds at 100k.
    expect(large).toBeLessThan(3 * Math.max(small, 5));
  }, 180_000);

  it("counts exactly up to 10,000 and says there are more beyond, and searches externalIds by their beginning at any age", async () => {
    const { deps, system, reviewer } = await queueOf(0);
    // Received before every bulk item (they arrive over the last day), as well as stored first.
    const twoDaysAgo = { ...deps, now: () => deps.now() - 2 * 86_400_000 };
    const oldest = (await receiveEscalation(twoDaysAgo, system.id, escalationBody({ externalId: "first-of-all", contextSummary: "A unique phrase here." }))).id;
    await insertQueued(deps.db, system.id, totalCap + searchWindow, { now: deps.now() });
    const all = await listQueue(deps, reviewer, {});
    expect([all.total, all.totalCapped]).toEqual([totalCap, true]);
    const urgent = await listQueue(deps, reviewer, { priority: "urgent" });
    // One in twenty bulk items is urgent (testing/bulk.ts): fewer than the cap, so counted exactly.
    expect([urgent.total, urgent.totalCapped]).toEqual([(totalCap + searchWindow) / 20, false]);
    expect((await listQueue(deps, reviewer, { search: "first-of" })).rows.map((row) => row.id)).toEqual([oldest]);
    // Free text is looked for among the newest escalations only: this one is past the window.
    expect((await listQueue(deps, reviewer, { search: "unique phrase" })).rows).toEqual([]);
    // More matches than are listed (every bulk item by its externalId, one more by its text): the
    // search is a condition on each row, and the page is the one the whole queue shows.
    const byText = (await receiveEscalation(deps, system.id, escalationBody({ externalId: "late-one", contextSummary: "Mentions bulk in its text." }))).id;
    const broad = await listQueue(deps, reviewer, { search: "bulk" });
    expect([broad.total, broad.totalCapped]).toEqual([totalCap, true]);
    expect(broad.rows.map((row) => row.id)).toEqual((await listQueue(deps, reviewer, {})).rows.map((row) => row.id));
    const broadUrgent = await listQueue(deps, reviewer, { search: "bulk", priority: "urgent" });
    expect([broadUrgent.total, broadUrgent.totalCapped]).toEqual([(totalCap + searchWindow) / 20, false]);
    // By age the oldest item (first-of-all) does not match: the search's page starts one later.
    const byAge = (await listQueue(deps, reviewer, { sort: "age" })).rows.map((row) => row.id);
    expect((await listQueue(deps, reviewer, { search: "bulk", sort: "age" })).rows.map((row) => row.id).slice(0, -1)).toEqual(byAge.slice(1));
    expect((await listQueue(deps, reviewer, { search: "bulk in its" })).rows.map((row) => row.id)).toEqual([byText]);
    expect((await listQueue(deps, reviewer, {})).reasons).toEqual(["low_confidence", "novel_input", "policy_flag"]);
  }, 60_000);
});
