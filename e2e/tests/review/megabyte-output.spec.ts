import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer } from "../../support/api";
import { claimsOutput } from "../../support/large-output";
import { signIn } from "../../support/ui";

const needle = "needle-7f3a";

/** An AI output of just under 1 MiB of compact JSON (the largest intake takes), one value deep inside marked. */
function megabyteAiOutput() {
  const { output, claims } = claimsOutput(1_000_000);
  const deep = Math.floor(claims.length * 0.8);
  claims[deep]!.lines[2]!.note = `Refund routed to ${needle}`;
  return { output, deep };
}

test("a megabyte of AI output arrives collapsed with its size; the search finds a value deep inside and opens the tree to it; the whole text can still be copied exactly", async ({ browser }) => {
  const { slug, machine, id: systemId } = await createTestSystem("megabyte", 0);
  const { output, deep } = megabyteAiOutput();
  const posted = await machine.post("/api/v1/escalations", {
    data: escalation({
      aiOutput: output,
      evidence: Array.from({ length: 50 }, (_, i) => ({ title: `Order record ${i + 1}`, content: `Record ${i + 1}. ${"Paid in full, shipped on time. ".repeat(300)}` })),
    }),
  });
  expect(posted.status(), await posted.text()).toBe(201);
  const account = await createReviewer("Mega Byte");
  await qualifyReviewer(account.id, systemId);
  const page = await signIn(browser, account.email, account.password);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(`/queue?system=${slug}`);
  await page.getByRole("button", { name: "Claim next" }).click();
  await expect(page).toHaveURL(/\/review\//);

  // Collapsed: the claims are a closed node with their count, and the page holds a sliver of the text.
  const tree = page.getByRole("group", { name: "AI output" });
  await expect(tree).toBeVisible();
  await expect(tree.getByRole("button", { name: new RegExp(`"claims": \\[ ${output.claims.length} items \\]`) })).toHaveAttribute("aria-expanded", "false");
  const pretty = JSON.stringify(output, null, 2);
  await expect(page.getByText(`${pretty.length.toLocaleString("en")} characters`)).toBeVisible();
  expect(await page.evaluate(() => document.body.textContent!.length)).toBeLessThan(50_000);
  await expect(tree).not.toContainText(needle);

  // The search looks through the whole text without drawing it: one match, its path and excerpt.
  await page.getByRole("searchbox", { name: "Search AI output" }).fill(needle);
  await expect(page.getByRole("status").filter({ hasText: "1 match" })).toBeVisible();
  const matches = page.getByRole("list", { name: "Matches in AI output" });
  const match = matches.getByRole("button", { name: new RegExp(`claims\\[${deep}\\]\\.lines\\[2\\]\\.note .*${needle}`) });
  await expect(match).toBeVisible();

  // From the keyboard, the match opens the tree down to the value and takes the focus there.
  await match.focus();
  await page.keyboard.press("Enter");
  const row = page.locator(`[data-json-path='["claims",${deep},"lines",2,"note"]']`);
  await expect(row).toBeVisible();
  await expect(row).toBeFocused();
  await expect(row).toContainText(`Refund routed to ${needle}`);
  expect(await page.evaluate(() => document.body.textContent!.length)).toBeLessThan(100_000);

  // Copied whole, it is the AI output exactly as sent (pretty-printed, as a small one is shown).
  await page.getByRole("button", { name: "Copy AI output" }).click();
  await expect(page.getByText("Copied.")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.length).toBe(pretty.length);
  expect(copied === pretty).toBe(true);
});
