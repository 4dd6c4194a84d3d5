import { describe, expect, it } from "vitest";
import { testEngine } from "../../db/pg/test-database";
import { operator, type Deps } from "../../lib/context";
import { analyzeLikeProduction, insertDecided } from "../../testing/bulk";
import { addSystem, addUser, testDeps } from "../../testing/fixtures";
import { queryPlans } from "../../testing/query-plans";
import { escalationBreakdowns } from "../metrics/breakdowns";
import { businessCaseFigures } from "../metrics/cost";
import { rateSeries } from "../metrics/series";
import { setBusinessCase } from "../systems/set-business-case";
import { backfillTallies } from "../tallies/backfill";
import { leadDashboard } from "./dashboard";

const day = 86_400_000;
// Mid-day: the window's first day is partial, read from the rows themselves.
const now = Date.parse("2026-11-22T12:00:00Z");
const window = { from: new Date(now - 7 * day).toISOString(), to: new Date(now).toISOString() };

/**
 * A system with a business case priced by the hour (its pages read the review time) and 1,000
 * decisions over the last 7 days, after `older` decisions 30–90 days ago.
 */
async function history(older: number) {
  const { deps } = testDeps(now);
  const { system } = await addSystem(deps, "refund-triage");
  const businessCase = { currency: "EUR", manualCostPerItem: 6, aiCostPerItem: 0.5, reviewCost: { kind: "per_hour", hourlyRate: 40 }, assumedVerificationRate: 0.1, tolerance: 0.05 } as const;
  await setBusinessCase(deps, operator, { systemId: system.id, businessCase });
  const reviewerIds = [(await addUser(deps, "a@example.com", ["reviewer"])).id, (await addUser(deps, "b@example.com", ["reviewer"])).id];
  await insertDecided(deps.db, { systemId: system.id, count: 1_000, reviewerIds, days: 6, now: now - 60_000, prefix: "recent" });
  if (older > 0) await insertDecided(deps.db, { systemId: system.id, count: older, reviewerIds, days: 60, now: now - 30 * day, prefix: "older" });
  await backfillTallies(deps.db);
  await analyzeLikeProduction(deps.db);
  return { deps, system };
}

/** The system's pages over the window. */
const systemPages = (deps: Deps, systemId: string) => ({
  rates: () => rateSeries(deps, { systemId, ...window }),
  cost: () => businessCaseFigures(deps, { systemId, ...window }),
  breakdowns: () => escalationBreakdowns(deps, { systemId, ...window }),
});

/**
 * Median times of the lead's dashboard and a system's pages over the last 7 days, which hold the
 * same 1,000 decisions whatever the history before them holds (`older` decisions).
 */
async function medianMs(older: number) {
  const { deps, system } = await history(older);
  const median = async (run: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < 21; i++) {
      const start = performance.now();
      await run();
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[10]!;
  };
  const pages = systemPages(deps, system.id);
  const dashboard = await median(() => leadDashboard(deps, window));
  const rates = await median(pages.rates);
  const cost = await median(pages.cost);
  const breakdowns = await median(pages.breakdowns);
  const { reviewers, effectiveRates } = await leadDashboard(deps, window);
  const reviewCost = (await pages.cost())!.reviewCost;
  await deps.db.$client.close();
  // Outcomes are drawn per row: only the counts are the same in both histories.
  const counts = {
    decisions: reviewers.map((reviewer) => reviewer.figures.decisions),
    received: effectiveRates.map((rate) => [rate.received, rate.reviewed]),
    reviewed: reviewCost.decisions,
  };
  return { dashboard, rates, cost, breakdowns, counts };
}

/** The plan of every statement a system's pages read with on SQLite, as EXPLAIN QUERY PLAN gives it. */
async function systemPagePlans() {
  const { deps, system } = await history(1_000);
  const plans = await queryPlans(deps.db, async () => {
    for (const page of Object.values(systemPages(deps, system.id))) await page();
  });
  await deps.db.$client.close();
  return plans;
}

describe("the lead's dashboard and a system's pages at scale", () => {
  it("cost about the same over 100k decisions of history as over 1k: they read the window, never the whole table", async () => {
    await medianMs(0); // warm-up: module loading and statement caches
    const small = await medianMs(0);
    const large = await medianMs(100_000);
    // The same window, the same figures.
    expect(large.counts).toEqual(small.counts);
    expect(small.counts.received).toEqual([[1_000, 1_000]]);
    expect(small.counts.reviewed).toBe(1_000);
    // The floor keeps a loaded machine's jitter on a few milliseconds from deciding; reading every
    // escalation received (PostgreSQL has no skip scan over (system_id, received_at); SQLite without
    // statistics scanned them all for the window's partial day) took tens of milliseconds at 100k.
    for (const view of ["dashboard", "rates", "cost", "breakdowns"] as const) expect(large[view], view).toBeLessThan(3 * Math.max(small[view], 5));
  }, 180_000);

  it.skipIf(testEngine() === "postgres")("a system's pages read escalations and tallies system by system off an index, with no statistics gathered", async () => {
    const plans = await systemPagePlans();
    expect(plans.some(({ plan }) => plan.includes("SEARCH e USING INDEX escalations_system_received_idx (system_id=? AND received_at>? AND received_at<?)"))).toBe(true);
    expect(plans.some(({ plan }) => /SEARCH escalation_tallies USING INDEX \S+ \(system_id=\? AND day>\? AND day<\?\)/.test(plan))).toBe(true);
    // Without statistics SQLite scanned every escalation (and every tally) for the window's.
    for (const { text, plan } of plans) expect(plan, text).not.toMatch(/\bSCAN (e|v|escalations|verifications|escalation_tallies|verification_tallies)\b/);
  }, 60_000);
});
