import { expect, test, type Page } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer } from "../../support/api";
import { signIn } from "../../support/ui";

/**
 * Headless Chromium reports every page as visible (a second tab or a minimised window does not
 * change it), so the test does what the browser does when a tab goes to the background: the page
 * reads `document.visibilityState === "hidden"` and receives a `visibilitychange` event.
 */
async function setHidden(page: Page, hidden: boolean) {
  await page.evaluate((hide) => {
    if (hide) {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    } else {
      // Drop the overrides: the prototype's own getters answer again.
      delete (document as { visibilityState?: unknown }).visibilityState;
      delete (document as { hidden?: unknown }).hidden;
    }
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);
}

test("the dwell countdown stands still while the page is hidden, and approval comes only after active review", async ({ browser }) => {
  const { slug, machine, id: systemId } = await createTestSystem("dwell", 8);
  const body = escalation({ priority: "normal" });
  const posted = await machine.post("/api/v1/escalations", { data: body });
  expect(posted.status()).toBe(201);
  const { id } = await posted.json();

  const account = await createReviewer("Dana Dwell");
  await qualifyReviewer(account.id, systemId);
  const page = await signIn(browser, account.email, account.password);
  await page.goto(`/queue?system=${slug}`);
  await page.getByRole("button", { name: "Claim next" }).click();
  await expect(page).toHaveURL(new RegExp(`/review/${id}`));

  await page.getByRole("radiogroup", { name: "The output answers the customer's request" }).getByRole("radio", { name: "Yes" }).check();
  await page.getByRole("radiogroup", { name: "The refund is within policy" }).getByRole("radio", { name: "Yes" }).check();
  await page.getByLabel("Rationale").fill("Order 5531 was paid 89.00 EUR three days ago; a blender dead after two days is covered.");

  const countdown = page.getByRole("timer", { name: "Approval countdown" });
  await expect(countdown).toHaveText(/possible after 0:0\d more of review/);

  // The reviewer switches to another tab right after the claim and stays away longer than the dwell.
  await setHidden(page, true);
  await expect(countdown).toHaveText(/paused, 0:0\d to go/);
  await page.waitForTimeout(1000); // the heartbeat sent on leaving has answered
  const pausedAt = await countdown.textContent();
  await page.waitForTimeout(10_000);
  await expect(countdown).toHaveText(pausedAt!);

  // Back in the tab: the time away did not count, so approval is still refused — by the server too.
  await setHidden(page, false);
  await expect(countdown).toHaveText(/possible after 0:0\d more of review/);
  const refused = await page.request.post("/trpc/reviews.decide", {
    data: {
      escalationId: id,
      outcome: "approved",
      checklist: { "answers-request": "yes", "within-policy": "yes" },
      rationale: "Trying to approve straight after coming back from another tab, before the dwell.",
    },
  });
  expect(refused.status()).toBe(412);
  expect(JSON.stringify(await refused.json())).toMatch(/of active time with this item/);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(/cannot approve yet/i)).toBeVisible();
  await expect(page.getByRole("status", { name: "Decision status" })).toContainText(/0:0\d more of active review/);

  // With the page in front of the reviewer the countdown runs out, and the approval is recorded.
  await expect(countdown).toHaveText("possible now", { timeout: 15_000 });
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/review/${id}`));
  const decided = await (await machine.get(`/api/v1/escalations/${id}`)).json();
  expect(decided.status).toBe("decided");
  expect(decided.decision).toMatchObject({ outcome: "approved" });
});
