import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer } from "../support/api";
import { signIn } from "../support/ui";
import { summary } from "./percentiles";

/** Measured decisions (BENCH_DECISIONS, at least 30 for a p95 worth quoting), after a few unmeasured ones that load the page's chunks. */
const decisions = Math.max(1, Number(process.env.BENCH_DECISIONS ?? 40));
const warmUp = 3;

/**
 * Decision → next item visible, as the reviewer feels it: from the click on Approve to the next
 * escalation's reading and analysis form on screen, measured inside the page. Everything in
 * between counts: the requests (the last heartbeat, the decision, the claim of the next item,
 * its view) and the browser rendering the next screen.
 */
test(`decision → next item visible over ${decisions} approvals`, async ({ browser }) => {
  // No dwell and no similarity rule: the measure is the product's speed, not the reviewer's.
  const { slug, machine, id: systemId } = await createTestSystem("bench-next", 0, { maxRationaleSimilarity: 1 });
  const total = warmUp + decisions + 1;
  for (let i = 0; i < total; i++) {
    const posted = await machine.post("/api/v1/escalations", { data: escalation({ priority: "normal", contextSummary: `Refund request number ${i} of the measured run.` }) });
    expect(posted.status()).toBe(201);
  }
  const account = await createReviewer("Bena Bench");
  await qualifyReviewer(account.id, systemId);
  const page = await signIn(browser, account.email, account.password);
  await page.goto(`/queue?system=${slug}`);
  await page.getByRole("button", { name: "Claim next" }).click();
  await expect(page).toHaveURL(/\/review\//);

  const timings: number[] = [];
  const requestTimes = new Map<string, number[]>();
  const afterRequests: number[] = [];
  for (let i = 0; i < warmUp + decisions; i++) {
    const current = new URL(page.url()).pathname;
    await expect(page.getByRole("button", { name: "Approve" })).toBeEnabled();
    await page.getByRole("radiogroup", { name: "The output answers the customer's request" }).getByRole("radio", { name: "Yes" }).check();
    await page.getByRole("radiogroup", { name: "The refund is within policy" }).getByRole("radio", { name: "Yes" }).check();
    await page.getByLabel("Rationale").fill(`Decision ${i}: the order record matches the request and the amount is within the refund limit.`);
    await page.evaluate(() => {
      const w = window as { decidedAt?: number; decidedHeading?: Element | null };
      w.decidedHeading = document.querySelector(".reading-id");
      document.addEventListener("click", () => (w.decidedAt = performance.now()), { capture: true, once: true });
    });
    await page.getByRole("button", { name: "Approve" }).click();
    const elapsed = await page.evaluate(async (from) => {
      const w = window as { decidedAt?: number; decidedHeading?: Element | null };
      const decidedAt = w.decidedAt ?? performance.now();
      // The next item is visible when the URL names another escalation and a new reading and form are on screen.
      for (;;) {
        const heading = document.querySelector(".reading-id");
        if (location.pathname !== from && heading && heading !== w.decidedHeading && document.querySelector("form.analysis")) break;
        if (performance.now() - decidedAt > 20_000) throw new Error("the next item did not appear within 20 s");
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      const visibleAt = performance.now();
      const requests = performance
        .getEntriesByType("resource")
        .filter((entry) => entry.startTime >= decidedAt && entry.startTime < visibleAt && entry.name.includes("/trpc/"))
        .map((entry) => ({ procedure: new URL(entry.name).pathname.slice("/trpc/".length), ms: entry.duration, end: entry.startTime + entry.duration }));
      const lastResponse = Math.max(decidedAt, ...requests.map((r) => r.end).filter((end) => end <= visibleAt));
      performance.clearResourceTimings();
      return { ms: visibleAt - decidedAt, requests, afterRequests: visibleAt - lastResponse };
    }, current);
    if (i < warmUp) continue;
    timings.push(elapsed.ms);
    afterRequests.push(elapsed.afterRequests);
    for (const { procedure, ms } of elapsed.requests) requestTimes.set(procedure, [...(requestTimes.get(procedure) ?? []), ms]);
  }

  console.log(`decision → next item visible: ${summary(timings)}`);
  console.log(`  of which after the last response (rendering): ${summary(afterRequests)}`);
  console.log(`  each: ${timings.map((t) => t.toFixed(0)).join(", ")} ms`);
  for (const [procedure, ms] of requestTimes) console.log(`  ${procedure}: ${summary(ms)}`);
});
