import { afterAll, describe, expect, it } from "vitest";
import type { QueueFilter } from "@countersign/shared/queue";
import type { Db } from "../../db/client";
import { openPgDb } from "../../db/pg/client";
import { freshPgDatabase, testEngine } from "../../db/pg/test-database";
import type { Deps } from "../../lib/context";
import { analyzeLikeProduction, insertQueued } from "../../testing/bulk";
import { statement } from "../../lib/prepared";
import { write } from "../../lib/tx";
import { addSystem, addUser, escalationBody, testDeps } from "../../testing/fixtures";
import { receiveEscalation } from "../escalations/receive";
import { prefixedRows, searchWindow, totalCap } from "./list-conditions";
import { listQueue } from "./list";

/** A fresh database (the suite's, or `on`) with `queued` bulk items for one system, a reviewer and a lead. */
async function queueOf(queued: number, on?: Db) {
  const deps: Deps = on ? { db: on, now: () => Date.now() } : testDeps(Date.now()).deps;
  const { system } = await addSystem(deps, "refund-triage", { goldRate: 0.1 });
  await addSystem(deps, "kyc-check");
  const reviewer = await addUser(deps, "r@example.com", ["reviewer"]);
  if (queued > 0) await insertQueued(deps.db, system.id, queued, { now: deps.now() });
  await analyzeLikeProduction(deps.db);
  return { deps, system, reviewer };
}

/** Median time of the queue's first page and its total with `queued` items waiting. */
async function medianPageMs(queued: number, filter: QueueFilter, on?: () => Promise<Db>) {
  const { deps, reviewer } = await queueOf(queued, await on?.());
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

// The database an organisation already runs is often under a linguistic collation, where no range
// of a text column's own order holds the strings that start with a prefix.
describe.skipIf(testEngine() !== "postgres")("the queue page on a PostgreSQL database under a linguistic collation (ICU en-US)", () => {
  const drops: (() => Promise<void>)[] = [];
  const linguistic = async () => {
    const database = await freshPgDatabase(undefined, "countersign_test_icu", "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'");
    drops.push(database.drop);
    return (await openPgDb(database.url, { max: 2 })) as unknown as Db;
  };
  // WITH (FORCE): a database the test did not close is closed under it.
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it.each<[string, QueueFilter]>([
    ["an externalId's beginning", { search: "bulk-0" }],
    // One at 10k, eleven at 100k (bulk ids are esc_bulk_<n>).
    ["an escalation id's beginning", { search: "esc_bulk_9999" }],
  ])("a search by %s costs about the same with 100k items queued as with fewer: it walks an index in byte order", async (_, filter) => {
    await medianPageMs(1_000, filter, linguistic);
    // The free text is looked for among the newest 10,000 (searchWindow), which the smaller queue fills too.
    const small = await medianPageMs(searchWindow, filter, linguistic);
    const large = await medianPageMs(100_000, filter, linguistic);
    expect(large).toBeLessThan(3 * Math.max(small, 5));
  }, 180_000);

  it("finds what starts with the search and nothing else, as it does in byte order", async () => {
    const { deps, system, reviewer } = await queueOf(0, await linguistic());
    // Under en-US these sort among each other by other rules than their bytes (case, then "_" and "-").
    const names = ["Case-1", "case-2", "case_3", "cas", "CASE-4", "case-5x"];
    const ids = new Map<string, string>();
    for (const externalId of names) ids.set(externalId, (await receiveEscalation(deps, system.id, escalationBody({ externalId }))).id);
    const found = async (search: string) => (await listQueue(deps, reviewer, { search })).rows.map((row) => row.externalId).sort();
    expect(await found("case")).toEqual(["case-2", "case-5x", "case_3"]);
    expect(await found("case-")).toEqual(["case-2", "case-5x"]);
    expect(await found("Case")).toEqual(["Case-1"]);
    const id = ids.get("case_3")!;
    expect(await found(id.slice(0, id.length - 3))).toEqual(["case_3"]);
    // Both prefixes are ranges over an index (a few rows: the planner is told not to prefer reading them all).
    const plan = await write(deps.db, async () => {
      await statement(deps.db, `SELECT set_config('enable_seqscan', 'off', true)`).run();
      return statement(deps.db, `EXPLAIN ${prefixedRows("postgres")}`).column<string>({ search: "case", upper: "case\u{10FFFF}" });
    });
    const text = plan.join("\n");
    expect(text).not.toContain("Seq Scan");
    for (const index of ["escalations_external_idx", "escalations_id_bytewise_idx"]) expect(text).toMatch(new RegExp(`using ${index} .*\\n\\s*Index Cond: `));
  }, 60_000);
});
