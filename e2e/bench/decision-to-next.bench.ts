import { test } from "@playwright/test";
import { approveAndMeasure, byProcedure, reviewerAtWork, type DecisionToNext } from "../support/decision-to-next";
import { summary } from "./percentiles";

/** Measured decisions (BENCH_DECISIONS, at least 30 for a p95 worth quoting), after a few unmeasured ones that load the page's chunks. */
const decisions = Math.max(1, Number(process.env.BENCH_DECISIONS ?? 40));
const warmUp = 3;

/**
 * Decision → next item visible, as the reviewer feels it: from the click on Approve to the next
 * escalation's reading and a fresh analysis form on screen, measured inside the page
 * (e2e/support/decision-to-next.ts, the same loop as tests/review/decision-to-next.spec.ts).
 */
test(`decision → next item visible over ${decisions} approvals`, async ({ browser }) => {
  const { page } = await reviewerAtWork(browser, { system: "bench-next", reviewer: "Bena Bench", count: warmUp + decisions + 1 });
  const rounds: DecisionToNext[] = [];
  for (let i = 0; i < warmUp + decisions; i++) {
    const round = await approveAndMeasure(page, i);
    if (i >= warmUp) rounds.push(round);
  }
  console.log(`decision → next item visible: ${summary(rounds.map((r) => r.ms))}`);
  console.log(`  of which before the first request left (the click's work): ${summary(rounds.map((r) => r.beforeRequests))}`);
  console.log(`  of which after the last response (drawing the next item): ${summary(rounds.map((r) => r.afterRequests))}`);
  console.log(`  each: ${rounds.map((r) => r.ms.toFixed(0)).join(", ")} ms`);
  for (const [procedure, ms] of byProcedure(rounds)) console.log(`  ${procedure}: ${summary(ms)}`);
});
