import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer, signInApi } from "../../support/api";
import { decideEscalations } from "../../support/review-history";
import { signIn } from "../../support/ui";

test("a lead sees a reviewer who never opens evidence flagged with a question, and drills into exactly the decisions behind it", async ({ browser }) => {
  const { slug, machine, id: systemId } = await createTestSystem("stamp", 1);
  for (let n = 0; n < 16; n++) {
    const body = escalation({
      externalId: `stamp-${n}-${Date.now().toString(36)}`,
      priority: "normal",
      evidence: [{ title: `Order ${5600 + n}`, content: `Paid ${40 + n}.00 EUR; delivered two days ago.` }],
    });
    expect((await machine.post("/api/v1/escalations", { data: body })).status()).toBe(201);
  }
  const stamper = await createReviewer("Sam Stamp");
  const careful = await createReviewer("Cara Careful");
  await qualifyReviewer(stamper.id, systemId);
  await qualifyReviewer(careful.id, systemId);
  const stamperApi = await signInApi(stamper.email, stamper.password);
  const carefulApi = await signInApi(careful.email, careful.password);

  // The rubber-stamper approves at the dwell floor without opening evidence; the careful reviewer
  // opens it, takes longer and rejects one. Both go through the procedures the review screen uses.
  const [stamped, checked] = await Promise.all([
    decideEscalations(stamperApi, slug, 12, {
      holdSeconds: 1.3,
      openEvidence: false,
      outcome: () => "approved",
      rationale: (n) => `Approved item ${n}: refund ${n * 3 + 7} EUR ${["looks fine", "seems right", "is plausible", "checks out"][n % 4]} from the summary alone.`,
    }),
    decideEscalations(carefulApi, slug, 4, {
      holdSeconds: 2.5,
      openEvidence: true,
      outcome: (n) => (n === 2 ? "rejected" : "approved"),
      rationale: (n, view) => `Opened the order record for ${view.externalId}; the paid amount ${n === 2 ? "does not cover" : "matches"} the refund (${n}).`,
    }),
  ]);
  expect(stamped).toHaveLength(12);
  expect(checked).toHaveLength(4);
  await stamperApi.dispose();
  await carefulApi.dispose();

  const lead = await signIn(browser, "lead@demo.local");
  await lead.goto(`/dashboard?system=${slug}`);
  const table = lead.getByRole("table", { name: "Reviewers beside the team" });
  await expect(table.getByRole("row", { name: /^Sam Stamp/ })).toBeVisible();

  // Flags are the server's questions, not verdicts; the careful reviewer raises none.
  const questions = lead.getByRole("list", { name: "Questions about Sam Stamp's decisions" });
  const evidenceQuestion = questions.getByRole("button", { name: /Opened evidence on 0% of items that had some\. Is the summary enough to decide on\?/ });
  await expect(evidenceQuestion).toBeVisible();
  await expect(lead.getByRole("list", { name: "Questions about Cara Careful's decisions" })).toHaveCount(0);

  // Sortable headers are buttons; the header carries aria-sort.
  await table.getByRole("button", { name: "Decisions", exact: true }).click();
  await expect(table.getByRole("columnheader", { name: "Decisions", exact: true })).toHaveAttribute("aria-sort", "descending");

  await evidenceQuestion.click();
  const drillDown = lead.getByRole("dialog", { name: /Opened evidence on 0%/ });
  await expect(drillDown).toBeVisible();
  await expect(drillDown).toContainText("Sam Stamp");
  const decisions = drillDown.getByRole("table", { name: "Decisions behind the flag" });
  await expect(decisions.getByRole("row")).toHaveCount(1 + stamped.length);
  for (const externalId of stamped) await expect(decisions.getByRole("link", { name: `Timeline of escalation ${externalId}` })).toBeVisible();
  for (const externalId of checked) await expect(decisions.getByText(externalId)).toHaveCount(0);
  await expect(decisions.getByRole("row").nth(1)).toContainText("0 of 1");

  // Each row opens the escalation's timeline; Back returns to the open drill-down.
  await decisions.getByRole("link", { name: `Timeline of escalation ${stamped[0]}` }).click();
  await expect(lead).toHaveURL(/\/escalations\/esc_/);
  await expect(lead.getByRole("list", { name: /timeline/i }).getByRole("listitem").last()).toContainText(/Sam Stamp approved/);
  await lead.goBack();
  await expect(lead.getByRole("dialog", { name: /Opened evidence on 0%/ })).toBeVisible();
});
