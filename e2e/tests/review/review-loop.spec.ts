import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer } from "../../support/api";
import { signIn } from "../../support/ui";

test("a reviewer claims, is refused approval before the analysis is complete, completes it and approves; the decision is read over REST; a lead opens the timeline", async ({ browser }) => {
  const { slug, machine, id: systemId } = await createTestSystem("loop", 4);
  const body = escalation();
  const posted = await machine.post("/api/v1/escalations", { data: body });
  expect(posted.status()).toBe(201);
  const { id } = await posted.json();

  const account = await createReviewer("Rosa Loop");
  await qualifyReviewer(account.id, systemId);
  const reviewer = await signIn(browser, account.email, account.password);
  await reviewer.goto(`/queue?system=${slug}`);
  await reviewer.getByRole("button", { name: "Claim next" }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/review/${id}`));
  await expect(reviewer.getByText(body.contextSummary)).toBeVisible();

  // Nothing recorded yet: the server's rules, explained by the form, refuse the approval.
  await reviewer.getByRole("button", { name: "Approve" }).click();
  const status = reviewer.getByRole("status", { name: "Decision status" });
  await expect(status).toContainText(/cannot approve yet/i);
  await expect(status).toContainText("Rationale: 0 of 40 characters");

  await reviewer.getByRole("radiogroup", { name: "The output answers the customer's request" }).getByRole("radio", { name: "Yes" }).check();
  await reviewer.getByRole("radiogroup", { name: "The refund is within policy" }).getByRole("radio", { name: "Yes" }).check();
  await reviewer.getByLabel("Rationale").fill("Order 5531 was paid 89.00 EUR three days ago; a blender dead after two days is covered.");
  await expect(async () => {
    await reviewer.getByRole("button", { name: "Approve" }).click();
    await expect(reviewer).not.toHaveURL(new RegExp(`/review/${id}`), { timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  const decided = await (await machine.get(`/api/v1/escalations/${id}`)).json();
  expect(decided.status).toBe("decided");
  expect(decided.decision).toMatchObject({
    outcome: "approved",
    finalOutput: body.aiOutput,
    rationale: "Order 5531 was paid 89.00 EUR three days ago; a blender dead after two days is covered.",
  });

  const lead = await signIn(browser, "lead@demo.local");
  await lead.goto(`/escalations/${id}`);
  const timeline = lead.getByRole("list", { name: /timeline/i });
  const items = timeline.getByRole("listitem");
  await expect(items.first()).toContainText("The AI system sent the escalation");
  await expect(items.nth(1)).toContainText("Rosa Loop claimed");
  await expect(items.nth(-2)).toContainText(/Rosa Loop approved/);
  // The REST read above is on the record: when the AI system first fetched the decision.
  await expect(items.last()).toContainText(/fetched the decision for the first time/);
  // Each entry's hash on demand.
  await items.first().getByRole("button", { name: "Show hash" }).click();
  await expect(items.first().getByText(/[0-9a-f]{64}/).first()).toBeVisible();
});

test("the server refuses what the UI hides: a reviewer cannot reach the admin pages", async ({ browser }) => {
  const reviewer = await signIn(browser, "reviewer@demo.local");
  await expect(reviewer.getByRole("link", { name: /admin/i })).toHaveCount(0);
  const res = await reviewer.request.get("/trpc/users.list");
  expect(res.status()).toBe(403);
});
