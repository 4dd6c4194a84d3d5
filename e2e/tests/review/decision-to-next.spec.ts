import { expect, test } from "@playwright/test";
import { approveAndMeasure, byProcedure, reviewerAtWork, type DecisionToNext } from "../../support/decision-to-next";
import { percentile } from "../../bench/percentiles";

const decisions = 10;

// Playwright's trace takes DOM snapshots inside the page around each action: off here, so the
// figures are the workbench's own.
test.use({ trace: "off" });

/**
 * Decision → next item visible, as the reviewer feels it: from the click on Approve to the next
 * escalation's reading and a fresh form on screen (one request — the last heartbeat, the decision,
 * the claim of the next item and its view — then the screen updated in place). The loop is
 * e2e/support/decision-to-next.ts, shared with `pnpm bench:web`, which measures it over 40
 * approvals; the figures are printed, not asserted against a tight bound, because a loaded CI
 * machine would make such a bound flaky.
 */
test("after each approval the next escalation appears without a page load; decision → next item is measured over ten decisions", async ({ browser }) => {
  const { page, machine, ids } = await reviewerAtWork(browser, { system: "next", reviewer: "Nico Next", count: decisions + 1 });
  // A page load would lose this marker: every next item must arrive inside the same document.
  await page.evaluate(() => ((window as { sameDocument?: boolean }).sameDocument = true));

  const rounds: DecisionToNext[] = [];
  for (let i = 0; i < decisions; i++) rounds.push(await approveAndMeasure(page, i));

  const timings = rounds.map((r) => r.ms);
  console.log(
    `decision → next item visible over ${decisions} decisions: p50 ${percentile(timings, 0.5).toFixed(0)} ms, p95 ${percentile(timings, 0.95).toFixed(0)} ms (each: ${timings.map((t) => t.toFixed(0)).join(", ")} ms)`,
  );
  console.log(`  requests, median each: ${[...byProcedure(rounds)].map(([procedure, ms]) => `${procedure} ${percentile(ms, 0.5).toFixed(0)} ms`).join(", ")}`);
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
  // One request per decision: nothing is fetched between the answer and the next screen.
  for (const round of rounds) expect(round.requests.filter((r) => r.procedure !== "queue.heartbeat").map((r) => r.procedure)).toEqual(["reviews.decideAndClaimNext"]);

  // Every decision landed (the queue hands out items of one priority oldest first), and the last item is held.
  for (const id of ids.slice(0, decisions)) {
    const decided = await (await machine.get(`/api/v1/escalations/${id}`)).json();
    expect(decided.status).toBe("decided");
  }
  await expect(page).toHaveURL(new RegExp(`/review/${ids[decisions]}`));
  // The next item's screen is a fresh one: nothing of the last analysis is left, and the reader starts at its heading.
  await expect(page.getByLabel("Rationale")).toHaveValue("");
  await expect(page.getByRole("radiogroup", { name: "The refund is within policy" }).getByRole("radio", { name: "Yes" })).not.toBeChecked();
});
