import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer } from "../../support/api";
import { signIn } from "../../support/ui";

const decisions = 10;

// Playwright's trace takes DOM snapshots inside the page around each action: off here, so the
// figures are the workbench's own.
test.use({ trace: "off" });

/**
 * Decision → next item visible, as the reviewer feels it: from the click on Approve to the next
 * escalation's reading on screen (one request — the last heartbeat, the decision, the claim of the
 * next item and its view — then the new screen). Measured in the page; the figures are printed, not
 * asserted against a tight bound, because a loaded CI machine would make such a bound flaky.
 * `pnpm bench:web` measures the same over 40 approvals.
 */
test("after each approval the next escalation appears without a page load; decision → next item is measured over ten decisions", async ({ browser }) => {
  // No dwell and no similarity rule: the measure is the product's speed, not the reviewer's.
  const { slug, machine, id: systemId } = await createTestSystem("next", 0, { maxRationaleSimilarity: 1 });
  const ids: string[] = [];
  for (let i = 0; i <= decisions; i++) {
    const posted = await machine.post("/api/v1/escalations", { data: escalation({ priority: "normal", contextSummary: `Refund request number ${i} of the measured run.` }) });
    expect(posted.status()).toBe(201);
    ids.push((await posted.json()).id);
  }

  const account = await createReviewer("Nico Next");
  await qualifyReviewer(account.id, systemId);
  const page = await signIn(browser, account.email, account.password);
  await page.goto(`/queue?system=${slug}`);
  await page.getByRole("button", { name: "Claim next" }).click();
  await expect(page).toHaveURL(/\/review\//);

  const timings: number[] = [];
  const requestTimes = new Map<string, number[]>();
  for (let i = 0; i < decisions; i++) {
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
      // The next item is visible when the URL names another escalation and a new reading is on screen.
      for (;;) {
        const heading = document.querySelector(".reading-id");
        if (location.pathname !== from && heading && heading !== w.decidedHeading && document.querySelector("form.analysis")) break;
        if (performance.now() - decidedAt > 20_000) throw new Error("the next item did not appear within 20 s");
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      const requests = performance
        .getEntriesByType("resource")
        .filter((entry) => entry.startTime >= decidedAt && entry.name.includes("/trpc/"))
        .map((entry) => ({ procedure: new URL(entry.name).pathname.slice("/trpc/".length), ms: entry.duration }));
      return { ms: performance.now() - decidedAt, requests };
    }, current);
    timings.push(elapsed.ms);
    for (const { procedure, ms } of elapsed.requests) requestTimes.set(procedure, [...(requestTimes.get(procedure) ?? []), ms]);
  }

  const percentile = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  };
  console.log(
    `decision → next item visible over ${decisions} decisions: p50 ${percentile(timings, 0.5).toFixed(0)} ms, p95 ${percentile(timings, 0.95).toFixed(0)} ms (each: ${timings.map((t) => t.toFixed(0)).join(", ")} ms)`,
  );
  // The requests in between: reviews.decideAndClaimNext (and the next screen's first heartbeat, when it starts before the screen shows).
  console.log(`  requests, median each: ${[...requestTimes].map(([procedure, ms]) => `${procedure} ${percentile(ms, 0.5).toFixed(0)} ms`).join(", ")}`);

  // Every decision landed (the queue hands out items of one priority oldest first), and the last item is held.
  for (const id of ids.slice(0, decisions)) {
    const decided = await (await machine.get(`/api/v1/escalations/${id}`)).json();
    expect(decided.status).toBe("decided");
  }
  await expect(page).toHaveURL(new RegExp(`/review/${ids[decisions]}`));
});
