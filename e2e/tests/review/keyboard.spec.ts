import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer } from "../../support/api";
import { signIn } from "../../support/ui";

test("a reviewer works the queue with the keyboard alone, and the shortcut for Approve is refused like the button", async ({ browser }) => {
  const { slug, machine, id: systemId } = await createTestSystem("keys", 3);
  const body = escalation();
  const { id } = await (await machine.post("/api/v1/escalations", { data: body })).json();
  const account = await createReviewer("Kai Keys");
  await qualifyReviewer(account.id, systemId);
  const page = await signIn(browser, account.email, account.password);
  await page.goto(`/queue?system=${slug}`);
  // The shortcuts act on the loaded queue: wait for its rows before the first key.
  await expect(page.getByRole("table", { name: "Escalations in the queue" }).getByRole("button", { name: "Claim" }).first()).toBeVisible();

  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: /shortcuts/i })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await page.keyboard.press("c");
  await expect(page).toHaveURL(new RegExp(`/review/${id}`));
  // Shortcuts act on the form, so wait until it is there.
  await expect(page.getByRole("button", { name: "Approve" })).toBeVisible();

  // The shortcut submits the same form and is refused the same way.
  await page.keyboard.press("Alt+a");
  await expect(page.getByText(/cannot approve yet/i)).toBeVisible();

  await page.keyboard.press("1");
  await page.keyboard.press("y");
  await page.keyboard.press("2");
  await page.keyboard.press("y");
  await page.keyboard.press("r");
  await expect(page.getByLabel("Rationale")).toBeFocused();
  await page.keyboard.type("Paid 89.00 EUR three days ago; a blender that died after two days is a clear defect.");
  await page.keyboard.press("Escape");
  await expect(async () => {
    await page.keyboard.press("Alt+a");
    await expect(page).not.toHaveURL(new RegExp(`/review/${id}`), { timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  const decided = await (await machine.get(`/api/v1/escalations/${id}`)).json();
  expect(decided.decision.outcome).toBe("approved");
});
