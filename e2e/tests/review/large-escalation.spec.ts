import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer } from "../../support/api";
import { claimsOutput } from "../../support/large-output";
import { signIn } from "../../support/ui";

// Playwright's trace takes DOM snapshots inside the page around each action: off here, so the
// figure is the workbench's own.
test.use({ trace: "off" });

/** Generous for a loaded 2-core CI machine; the figure itself is printed for the record. */
const interactiveBudgetMs = 3000;

/** A large escalation through REST: each JSON value 250,000 characters (input and aiOutput may hold 1 MiB each). */
const jsonValueChars = 250_000;
const needle = "needle-7f3a";

function largeAiOutput() {
  const { output, claims } = claimsOutput(jsonValueChars - 2_000);
  // A value deep inside, past the first page of claims, with a bidi control a reviewer must see marked.
  claims[150]!.lines[2]!.note = `Refund routed to ${needle}\u202Eoverride`;
  return output;
}

test("a review screen with the largest AI output and 50 evidence items is interactive at once: the form takes focus and the JSON search finds a value deep inside", async ({ browser }) => {
  const { slug, machine, id: systemId } = await createTestSystem("large", 0);
  const body = escalation({
    input: `Customer email, quoted in full: ${"The blender stopped after two days. ".repeat(5_000)}`,
    aiOutput: largeAiOutput(),
    evidence: Array.from({ length: 50 }, (_, i) => ({ title: `Order record ${i + 1}`, content: `Record ${i + 1}. ${"Paid in full, shipped on time. ".repeat(300)}` })),
  });
  const posted = await machine.post("/api/v1/escalations", { data: body });
  expect(posted.status(), await posted.text()).toBe(201);
  const { id } = await posted.json();
  console.log(`posted escalation: ${(JSON.stringify(body).length / 1e6).toFixed(2)} MB of JSON, AI output ${(JSON.stringify(body.aiOutput).length / 1e3).toFixed(0)} kB`);

  const account = await createReviewer("Lena Large");
  await qualifyReviewer(account.id, systemId);
  const page = await signIn(browser, account.email, account.password);
  await page.goto(`/queue?system=${slug}`);
  await expect(page.getByRole("button", { name: "Claim next" })).toBeEnabled();

  // The clock starts in the page at the click that opens the escalation.
  await page.evaluate(() => {
    document.addEventListener("click", () => ((window as { openedAt?: number }).openedAt = performance.now()), { capture: true, once: true });
  });
  await page.getByRole("button", { name: "Claim next" }).click();

  // Measured inside the page, so the figure is the browser's and not Playwright's polling.
  const timing = await page.evaluate(async (text) => {
    const openedAt = (window as { openedAt?: number }).openedAt ?? performance.now();
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const until = async <T>(find: () => T | null | undefined): Promise<T> => {
      for (;;) {
        const found = find();
        if (found) return found;
        await frame();
      }
    };
    const firstControl = await until(() => document.querySelector<HTMLInputElement>("form.analysis input, form.analysis textarea"));
    firstControl.focus();
    if (document.activeElement !== firstControl) throw new Error("the analysis form's first control did not take focus");
    const focusedAt = performance.now();
    const search = await until(() => document.querySelector<HTMLInputElement>('input[aria-label="Search AI output"]'));
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(search, text);
    search.dispatchEvent(new Event("input", { bubbles: true }));
    await until(() => (document.querySelector('[aria-label="Matches in AI output"]')?.textContent?.includes(text) ? true : null));
    const foundAt = performance.now();
    const requests = performance
      .getEntriesByType("resource")
      .filter((entry) => entry.startTime >= openedAt)
      .map((entry) => `${entry.name.replace(location.origin, "").slice(0, 60)} ${(entry.startTime - openedAt).toFixed(0)}+${entry.duration.toFixed(0)}ms`);
    return { focus: focusedAt - openedAt, search: foundAt - openedAt, requests };
  }, needle);
  console.log(`large review screen: form focusable ${timing.focus.toFixed(0)} ms after the click, search answered at ${timing.search.toFixed(0)} ms (budget ${interactiveBudgetMs} ms)`);
  console.log(timing.requests.join("\n"));
  expect(timing.search).toBeLessThan(interactiveBudgetMs);
  await expect(page).toHaveURL(new RegExp(`/review/${id}`));

  // The match opens the tree down to it; the override character is shown marked, not obeyed.
  const matches = page.getByRole("list", { name: "Matches in AI output" });
  await expect(matches.getByRole("button")).toHaveCount(1);
  await expect(matches).toContainText("claims[150].lines[2].note");
  await matches.getByRole("button").click();
  const row = page.locator('[data-json-path=\'["claims",150,"lines",2,"note"]\']');
  await expect(row).toBeVisible();
  await expect(row).toBeFocused();
  await expect(row.locator(".bidi-control")).toHaveCount(1);

  // Evidence: all fifty listed, the last one opens.
  await expect(page.getByRole("heading", { name: "Evidence (50)" })).toBeVisible();
  await page.getByRole("button", { name: /#50 Order record 50/ }).click();
  await expect(page.getByRole("region", { name: "Evidence 50 content" }).or(page.getByLabel("Evidence 50 content"))).toContainText("Record 50.");
});

/**
 * A review's address opened in a new tab (a link, a bookmark): the page asks for the escalation as
 * its code starts, in a request of its own beside the session check, not after the session check
 * and the screen's code one after another; and the code the workbench already loaded comes from the
 * browser's cache (assets are named by their content, served immutable).
 */
test("a new tab on a review's address asks for the escalation at once, beside the session check, and takes the page's code from the cache", async ({ browser }) => {
  const { slug, machine, id: systemId } = await createTestSystem("newtab", 0);
  const posted = await machine.post("/api/v1/escalations", { data: escalation() });
  expect(posted.status()).toBe(201);
  const { id } = await posted.json();
  const account = await createReviewer("Tabitha Tab");
  await qualifyReviewer(account.id, systemId);
  const page = await signIn(browser, account.email, account.password);
  await page.goto(`/queue?system=${slug}`);
  await page.getByRole("button", { name: "Claim next" }).click();
  await expect(page).toHaveURL(new RegExp(`/review/${id}`));
  await expect(page.locator("form.analysis")).toBeVisible();
  const loaded = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name).filter((name) => name.includes("/assets/")));

  const tab = await page.context().newPage();
  await tab.goto(`/review/${id}`);
  await expect(tab.locator("form.analysis")).toBeVisible();
  const entries = await tab.evaluate(() =>
    performance.getEntriesByType("resource").map((entry) => ({ name: entry.name, startTime: entry.startTime, transferSize: (entry as PerformanceResourceTiming).transferSize })),
  );
  const trpc = entries.filter((entry) => entry.name.includes("/trpc/"));
  const view = trpc.find((entry) => entry.name.includes("reviews.view"));
  const me = trpc.find((entry) => entry.name.includes("auth.me"));
  expect(view, trpc.map((entry) => entry.name).join("\n")).toBeDefined();
  expect(me).toBeDefined();
  // Its own request (a batch would make the session check wait for a large view), asked first,
  // by the page's first script: before the app's code has even asked for the review screen's code.
  expect(new URL(view!.name).pathname).toBe("/trpc/reviews.view");
  expect(view!.startTime).toBeLessThanOrEqual(me!.startTime);
  const screenCode = entries.find((entry) => /\/assets\/review-page-[^/]*\.js$/.test(entry.name));
  expect(screenCode).toBeDefined();
  expect(view!.startTime).toBeLessThan(screenCode!.startTime);
  // Once for the whole review: the screen drew from the answer asked early, not a second request.
  expect(trpc.filter((entry) => entry.name.includes("reviews.view"))).toHaveLength(1);
  const fromCache = entries.filter((entry) => loaded.includes(entry.name));
  expect(fromCache.length).toBeGreaterThan(0);
  expect(fromCache.filter((entry) => entry.transferSize > 0).map((entry) => entry.name)).toEqual([]);
});
