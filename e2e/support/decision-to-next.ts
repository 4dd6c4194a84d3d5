import { expect, type Browser, type Page } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer } from "./api";
import { signIn } from "./ui";

/**
 * One approval, measured in the page: the whole wait, the part before the first request left (the
 * click's own work), the part after the last response (drawing the next item), and each request.
 */
export type DecisionToNext = { ms: number; beforeRequests: number; afterRequests: number; requests: { procedure: string; ms: number }[] };

/**
 * A reviewer qualified for a fresh system (no dwell, no similarity rule: the measure is the
 * product's speed, not the reviewer's) with `count` escalations queued, on the review screen of
 * the first, claimed with "Claim next".
 */
export async function reviewerAtWork(browser: Browser, { system, reviewer, count }: { system: string; reviewer: string; count: number }) {
  const { slug, machine, id: systemId } = await createTestSystem(system, 0, { maxRationaleSimilarity: 1 });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const posted = await machine.post("/api/v1/escalations", { data: escalation({ priority: "normal", contextSummary: `Refund request number ${i} of the measured run.` }) });
    expect(posted.status()).toBe(201);
    ids.push((await posted.json()).id);
  }
  const account = await createReviewer(reviewer);
  await qualifyReviewer(account.id, systemId);
  const page = await signIn(browser, account.email, account.password);
  await page.goto(`/queue?system=${slug}`);
  await page.getByRole("button", { name: "Claim next" }).click();
  await expect(page).toHaveURL(/\/review\//);
  return { page, machine, ids };
}

/**
 * Fills the analysis and approves, then waits in the page for the next escalation: from the click
 * on Approve until the URL names another escalation and its reading and a fresh analysis form are
 * on screen. Everything in between counts: the request(s), the browser drawing the next screen.
 */
export async function approveAndMeasure(page: Page, round: number): Promise<DecisionToNext> {
  await fillAnalysis(page, round);
  return measureApproval(page);
}

/** A full analysis of the bench system's escalation: both checklist items, a rationale of its own. */
async function fillAnalysis(page: Page, round: number) {
  await expect(page.getByRole("button", { name: "Approve" })).toBeEnabled();
  await page.getByRole("radiogroup", { name: "The output answers the customer's request" }).getByRole("radio", { name: "Yes" }).check();
  await page.getByRole("radiogroup", { name: "The refund is within policy" }).getByRole("radio", { name: "Yes" }).check();
  await page.getByLabel("Rationale").fill(`Decision ${round}: the order record matches the request and the amount is within the refund limit.`);
}

/** Presses Approve on a filled analysis and measures until the next item is on screen. */
async function measureApproval(page: Page): Promise<DecisionToNext> {
  // Read before the click: a fast answer can move the page on before the click's action returns.
  const from = new URL(page.url()).pathname;
  await page.evaluate(() => {
    const w = window as { decidedAt?: number; decidedHeading?: string };
    w.decidedHeading = document.querySelector(".reading-id")?.textContent ?? "";
    document.addEventListener("click", () => (w.decidedAt = performance.now()), { capture: true, once: true });
  });
  await page.getByRole("button", { name: "Approve" }).click();
  return page.evaluate(async (from) => {
    const w = window as { decidedAt?: number; decidedHeading?: string };
    const decidedAt = w.decidedAt ?? performance.now();
    // The next item is on screen when the URL names another escalation, the reading names another
    // escalation and the analysis form is a fresh one (its rationale empty). Neither element need be
    // new: the screen may stay mounted and update in place.
    const nextShown = () => {
      const heading = document.querySelector(".reading-id")?.textContent;
      const rationale = document.querySelector<HTMLTextAreaElement>("form.analysis textarea");
      return location.pathname !== from && !!heading && heading !== w.decidedHeading && rationale !== null && rationale.value === "";
    };
    for (;;) {
      if (nextShown()) break;
      if (performance.now() - decidedAt > 20_000) throw new Error("the next item did not appear within 20 s");
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    const visibleAt = performance.now();
    const requests = performance
      .getEntriesByType("resource")
      .filter((entry) => entry.startTime >= decidedAt && entry.startTime < visibleAt && entry.name.includes("/trpc/"))
      .map((entry) => ({ procedure: new URL(entry.name).pathname.slice("/trpc/".length), ms: entry.duration, start: entry.startTime, end: entry.startTime + entry.duration }));
    const lastResponse = Math.max(decidedAt, ...requests.map((r) => r.end).filter((end) => end <= visibleAt));
    const firstRequest = Math.min(visibleAt, ...requests.map((r) => r.start));
    performance.clearResourceTimings();
    return {
      ms: visibleAt - decidedAt,
      beforeRequests: firstRequest - decidedAt,
      afterRequests: visibleAt - lastResponse,
      requests: requests.map(({ procedure, ms }) => ({ procedure, ms })),
    };
  }, from);
}

/** Per procedure, the durations of its requests across rounds. */
export function byProcedure(rounds: DecisionToNext[]): Map<string, number[]> {
  const times = new Map<string, number[]>();
  for (const { requests } of rounds) for (const { procedure, ms } of requests) times.set(procedure, [...(times.get(procedure) ?? []), ms]);
  return times;
}
