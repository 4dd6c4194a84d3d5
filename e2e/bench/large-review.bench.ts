import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { baseURL, e2eDataDir } from "../playwright.config";
import { createReviewer, createTestSystem, escalation, qualifyReviewer } from "../support/api";
import { claimsOutput } from "../support/large-output";
import { signIn } from "../support/ui";
import { summary } from "./percentiles";

/** Rounds (BENCH_LARGE_ROUNDS): each opens one large escalation from the queue, then in a tab of its own. */
const rounds = Math.max(1, Number(process.env.BENCH_LARGE_ROUNDS ?? 6));
const aiOutputChars = Number(process.env.BENCH_AI_OUTPUT_CHARS ?? 1_000_000);
const needle = "needle-7f3a";

/** An AI output of about `chars` characters of JSON, one value deep inside marked. */
function largeAiOutput(chars: number) {
  const { output, claims } = claimsOutput(chars);
  claims[Math.floor(claims.length * 0.8)]!.lines[2]!.note = `Refund routed to ${needle}`;
  return output;
}

/**
 * The escalation is handed to the running server's database the way intake does
 * (apps/server/bench/seed-escalation.ts), so the bench needs no API key.
 */
function seed(systemId: string, round: number): string {
  const body = escalation({
    externalId: `large-${Date.now().toString(36)}-${round}`,
    input: `Customer email, quoted in full: ${"The blender stopped after two days. ".repeat(5_000)}`,
    aiOutput: largeAiOutput(aiOutputChars),
    evidence: Array.from({ length: 50 }, (_, i) => ({ title: `Order record ${i + 1}`, content: `Record ${i + 1}. ${"Paid in full, shipped on time. ".repeat(300)}` })),
    priority: "urgent",
  });
  const file = join(mkdtempSync(join(tmpdir(), "countersign-large-")), "escalation.json");
  writeFileSync(file, JSON.stringify(body));
  const server = join(import.meta.dirname, "..", "..", "apps", "server");
  return execFileSync("node", ["--import", "tsx", "bench/seed-escalation.ts", join(e2eDataDir, "countersign.db"), systemId, file], { cwd: server, encoding: "utf8" }).trim();
}

/**
 * In the page, from `start` (a performance.now() value): when the analysis form is there, when it
 * answers typing (a character in the rationale shows in its count: the main thread is free and
 * React has drawn), and when the AI output's search finds the marked value.
 */
async function usable(page: Page, startExpression: string) {
  return page.evaluate(
    async ({ text, startExpression }) => {
      const start = (0, eval)(startExpression) as number;
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const until = async <T>(find: () => T | null | undefined): Promise<T> => {
        for (;;) {
          const found = find();
          if (found) return found;
          if (performance.now() - start > 30_000) throw new Error("the review screen was not usable within 30 s");
          await frame();
        }
      };
      const setValue = (element: HTMLInputElement | HTMLTextAreaElement, value: string) => {
        const proto = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, "value")!.set!.call(element, value);
        element.dispatchEvent(new Event("input", { bubbles: true }));
      };
      const rationale = await until(() => document.querySelector<HTMLTextAreaElement>("form.analysis textarea"));
      const formAt = performance.now();
      rationale.focus();
      setValue(rationale, "x");
      await until(() => (document.querySelector("form.analysis .count")?.textContent?.startsWith("1 /") ? true : null));
      const typedAt = performance.now();
      setValue(rationale, "");
      const search = await until(() => document.querySelector<HTMLInputElement>('input[aria-label="Search AI output"]'));
      setValue(search, text);
      await until(() => (document.querySelector('[aria-label="Matches in AI output"]')?.textContent?.includes(text) ? true : null));
      const foundAt = performance.now();
      const view = performance.getEntriesByType("resource").find((entry) => entry.name.includes("reviews.view") && entry.startTime >= start);
      return {
        form: formAt - start,
        typed: typedAt - start,
        search: foundAt - start,
        viewRequest: view ? view.duration : null,
        viewBytes: view ? (view as PerformanceResourceTiming).encodedBodySize : null,
        // When the view was asked for: in a new tab, after the session check and the screen's code (a waterfall) or beside them.
        viewAsked: view ? view.startTime - start : null,
      };
    },
    { text: needle, startExpression },
  );
}

test(`the review screen with a ${(aiOutputChars / 1e6).toFixed(1)} MB AI output and 50 evidence items: navigation → usable, over ${rounds} rounds`, async ({ browser }) => {
  const { slug, id: systemId } = await createTestSystem("bench-large", 0, { maxRationaleSimilarity: 1 });
  const account = await createReviewer("Lara Large");
  await qualifyReviewer(account.id, systemId);
  const page = await signIn(browser, account.email, account.password);

  const fromQueue = { form: [] as number[], typed: [] as number[], search: [] as number[], view: [] as number[] };
  const newTab = { form: [] as number[], typed: [] as number[], search: [] as number[], viewAsked: [] as number[], view: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const id = seed(systemId, round);
    await page.goto(`/queue?system=${slug}`);
    await expect(page.getByRole("button", { name: "Claim next" })).toBeEnabled();
    // In the app: from the click on "Claim next" (the review screen's code is already loaded, as it is for a reviewer at work).
    await page.evaluate(() => {
      document.addEventListener("click", () => ((window as { openedAt?: number }).openedAt = performance.now()), { capture: true, once: true });
    });
    await page.getByRole("button", { name: "Claim next" }).click();
    const inApp = await usable(page, "window.openedAt");
    await expect(page).toHaveURL(new RegExp(`/review/${id}`));
    fromQueue.form.push(inApp.form);
    fromQueue.typed.push(inApp.typed);
    fromQueue.search.push(inApp.search);
    if (inApp.viewRequest !== null) fromQueue.view.push(inApp.viewRequest);
    if (round === 0) console.log(`  the view's response: ${((inApp.viewBytes ?? 0) / 1e6).toFixed(2)} MB`);

    // A fresh tab opening the review's address (a link, a bookmark): from the start of navigation, page code included.
    const tab = await page.context().newPage();
    await tab.goto(`/review/${id}`, { waitUntil: "commit" });
    const cold = await usable(tab, "0");
    newTab.form.push(cold.form);
    newTab.typed.push(cold.typed);
    newTab.search.push(cold.search);
    if (cold.viewAsked !== null) newTab.viewAsked.push(cold.viewAsked);
    if (cold.viewRequest !== null) newTab.view.push(cold.viewRequest);
    // Decided (escalated needs no dwell), so the next round's "Claim next" takes the next one.
    const decided = await page.request.post(`/trpc/reviews.decide`, {
      data: { escalationId: id, outcome: "escalated", checklist: {}, rationale: `Benchmark round ${round} (${id}): handed on so that round ${round + 1} claims a fresh item.` },
      headers: { origin: baseURL },
    });
    expect(decided.ok(), await decided.text()).toBe(true);
    await tab.close();
    console.log(`  round ${round + 1}: from the queue ${inApp.form.toFixed(0)} / ${inApp.typed.toFixed(0)} / ${inApp.search.toFixed(0)} ms, new tab ${cold.form.toFixed(0)} / ${cold.typed.toFixed(0)} / ${cold.search.toFixed(0)} ms (form / typing / search)`);
  }

  console.log(`review screen, ${(aiOutputChars / 1e6).toFixed(1)} MB AI output and 50 evidence items, ${rounds} rounds:`);
  console.log(`  from "Claim next": form there ${summary(fromQueue.form)}`);
  console.log(`                     typing shows ${summary(fromQueue.typed)}`);
  console.log(`                     search found ${summary(fromQueue.search)}`);
  console.log(`                     reviews.view request ${summary(fromQueue.view)}`);
  console.log(`  a new tab on its address: form there ${summary(newTab.form)}`);
  console.log(`                     typing shows ${summary(newTab.typed)}`);
  console.log(`                     search found ${summary(newTab.search)}`);
  console.log(`                     reviews.view asked at ${summary(newTab.viewAsked)}, taking ${summary(newTab.view)}`);
});
