import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer, signInApi } from "../support/api";
import { signIn } from "../support/ui";
import { verifyNext } from "../support/verifications";

test("a lead records an affected person's request by externalId, the assigned reviewer answers it, and the printable answer shows it", async ({ browser }) => {
  // Three people sign in and a verification earns its dwell: slow on a busy 2-core machine.
  test.setTimeout(180_000);
  // A decision to ask about: a reviewer of the test's own rejects the AI system's proposed refund.
  const { slug, machine, id: systemId } = await createTestSystem("requests", 1);
  const body = escalation();
  expect((await machine.post("/api/v1/escalations", { data: body })).status()).toBe(201);
  const account = await createReviewer("Rita Requests");
  await qualifyReviewer(account.id, systemId, ["review", "override"]);
  const reviewerApi = await signInApi(account.email, account.password);
  const rationale = "The blender's order is older than the return window allows, so the refund the AI proposed is outside policy.";
  const { result } = await verifyNext(reviewerApi, slug, { outcome: "rejected", rationale, holdSeconds: 3 });
  expect(result.status).toBe("decided");
  await reviewerApi.dispose();

  // The lead records the person's request to contest the decision, found by the AI system's externalId.
  const lead = await signIn(browser, "lead@demo.local");
  await lead.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Requests" }).click();
  const form = lead.getByRole("form", { name: "Record a request" });
  await form.getByLabel("AI system").selectOption({ label: "E2E requests" });
  await form.getByLabel("externalId of the decision").fill("no-such-order");
  await form.getByLabel("The person asks for").selectOption("human_intervention");
  await form.getByLabel("Requester's reference").fill("CASE-4471");
  await form.getByLabel("Route to").selectOption({ label: "Rita Requests" });
  await form.getByRole("button", { name: "Record and route" }).click();
  // An unknown externalId is named as the field at fault.
  await expect(form.getByText(/no escalation of .* has this externalId/)).toBeVisible();
  await form.getByLabel("externalId of the decision").fill(body.externalId);
  await form.getByRole("button", { name: "Record and route" }).click();
  await expect(form.getByRole("status")).toContainText("Recorded. The answer is due by");
  await expect(lead.getByRole("table", { name: "All requests" }).getByText("CASE-4471")).toBeVisible();

  // The reviewer finds it in their workbench and answers it; the answer carries markup as plain text.
  const reviewer = await signIn(browser, account.email, account.password);
  await reviewer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Requests" }).click();
  const mine = reviewer.getByRole("table", { name: "Requests routed to you" });
  await expect(mine.getByText("CASE-4471")).toBeVisible();
  await expect(mine.getByText("open")).toBeVisible();
  await mine.getByRole("link", { name: new RegExp(body.externalId) }).click();
  const answer =
    "A person reviewed the AI system's proposal and rejected the refund because the order is outside the return window. <b>You may send us your view</b> and we will review the decision again.";
  await reviewer.getByLabel("Answer", { exact: true }).fill(answer);
  await reviewer.getByRole("button", { name: "Record the answer" }).click();
  await expect(reviewer.getByText("Version 1, by Rita Requests")).toBeVisible();

  // The printable answer: the decision, what the AI system produced and its role, who decided, the answer as text.
  await reviewer.getByRole("link", { name: "Printable answer" }).click();
  const printable = reviewer.getByRole("article", { name: /E2E requests/ });
  await expect(printable.getByText("Answer to a request about a decision")).toBeVisible();
  await expect(printable.getByText("Human intervention / contesting the decision (GDPR Art. 22(3)).")).toBeVisible();
  await expect(printable.getByText(/Decided by Rita Requests \(reviewer\)/)).toBeVisible();
  await expect(printable.getByText(/A qualified reviewer verified this output/)).toBeVisible();
  await expect(printable.getByText(/defective on arrival/).first()).toBeVisible();
  await expect(printable.getByText(answer)).toBeVisible();
  await expect(printable.locator("b")).toHaveCount(0);
  await expect(reviewer.getByRole("button", { name: "Print" })).toBeVisible();

  // The lead sees it answered.
  await lead.reload();
  await expect(lead.getByRole("table", { name: "All requests" }).getByRole("row", { name: /CASE-4471/ }).getByText("answered")).toBeVisible();
});
