import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer, signInApi, userIdByEmail } from "../support/api";
import { signIn } from "../support/ui";
import { verifyNext } from "../support/verifications";

test("reversal (Art. 14(4)(d)): a lead reopens a decided escalation with a reason, a reviewer decides it again, and the page and REST show both rounds", async ({ browser }) => {
  // Four people sign in and two decisions wait out their dwell: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  const { slug, machine, id: systemId } = await createTestSystem("reversal", 1);
  const body = escalation();
  const posted = await machine.post("/api/v1/escalations", { data: body });
  expect(posted.status()).toBe(201);
  const { id } = await posted.json();

  // Round 1: Ana approves it through the review procedures.
  const first = await createReviewer("Ana Approver");
  const second = await createReviewer("Ben Again");
  await qualifyReviewer(first.id, systemId);
  await qualifyReviewer(second.id, systemId);
  const anaApi = await signInApi(first.email, first.password);
  const anaRationale = "The blender failed on day two; the order is inside the 100 EUR limit, so the refund stands as proposed.";
  await verifyNext(anaApi, slug, { outcome: "approved", rationale: anaRationale });
  await anaApi.dispose();
  expect(await (await machine.get(`/api/v1/escalations/${id}`)).json()).toMatchObject({ status: "decided", round: 1, decision: { outcome: "approved" } });

  // An auditor reads the decision but has no Reopen: the action needs the reopenDecisions permission (leads).
  const auditor = await signIn(browser, "auditor@demo.local");
  await auditor.goto(`/escalations/${id}`);
  await expect(auditor.getByRole("region", { name: "Decision" })).toContainText("approved");
  await expect(auditor.getByRole("button", { name: "Reopen" })).toHaveCount(0);

  // The lead holds override for this system, and reopens the decision from the escalation's page.
  await qualifyReviewer(await userIdByEmail("lead@demo.local"), systemId, ["override"]);
  const lead = await signIn(browser, "lead@demo.local");
  await lead.goto(`/escalations/${id}`);
  const decision = lead.getByRole("region", { name: "Decision" });
  await expect(decision).toContainText("approved");
  await decision.getByRole("button", { name: "Reopen" }).click();
  const dialog = lead.getByRole("alertdialog", { name: "Reopen this decision for review round 2?" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Why reopen it").fill("Wrong call");
  await dialog.getByRole("button", { name: "Reopen for a new round" }).click();
  await expect(dialog.getByRole("alert")).toContainText("at least 20 characters");
  const reason = "The customer sent the courier's report: the blender was damaged in transit, not defective.";
  await dialog.getByLabel("Why reopen it").fill(reason);
  await dialog.getByRole("button", { name: "Reopen for a new round" }).click();
  await expect(dialog).toHaveCount(0);
  const reopened = lead.getByRole("region", { name: "Decision — round 2" });
  await expect(reopened).toContainText("Not decided yet.");
  await expect(reopened.getByRole("button", { name: "Reopen" })).toHaveCount(0);
  const rounds = reopened.getByRole("list", { name: "Earlier review rounds" });
  await expect(rounds).toContainText("Round 1 — superseded");
  await expect(rounds).toContainText(reason);
  await expect(rounds).toContainText(anaRationale);

  // The AI system reads the new round: no decision in force, the superseded one kept with who and why.
  const waiting = await (await machine.get(`/api/v1/escalations/${id}`)).json();
  expect(waiting).toMatchObject({ status: "queued", round: 2, earlierRounds: [{ round: 1, decision: { outcome: "approved" }, reopenedBy: "Lena Fischer", reason }] });
  expect(waiting.decision).toBeUndefined();

  // Round 2: Ben, who did not verify it before, claims it in the workbench and rejects it.
  const ben = await signIn(browser, second.email, second.password);
  await ben.goto(`/queue?system=${slug}`);
  await ben.getByRole("button", { name: "Claim next" }).click();
  await expect(ben).toHaveURL(new RegExp(`/review/${id}`));
  await ben.getByRole("radiogroup", { name: "The output answers the customer's request" }).getByRole("radio", { name: "No" }).check();
  await ben.getByRole("radiogroup", { name: "The refund is within policy" }).getByRole("radio", { name: "No" }).check();
  const benRationale = "Transit damage is the courier's liability under section 7; the shop does not refund it, so reject.";
  await ben.getByLabel("Rationale").fill(benRationale);
  await expect(async () => {
    await ben.getByRole("button", { name: "Reject" }).click();
    await expect(ben).not.toHaveURL(new RegExp(`/review/${id}`), { timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  // The history shows both rounds: the decision in force and the superseded one.
  await lead.reload();
  const decided = lead.getByRole("region", { name: "Decision — round 2" });
  await expect(decided).toContainText("rejected");
  await expect(decided).toContainText(benRationale);
  await expect(decided.getByRole("list", { name: "Earlier review rounds" })).toContainText("Round 1 — superseded");
  await expect(decided.getByRole("list", { name: "Earlier review rounds" })).toContainText("approved");
  await expect(lead.getByRole("region", { name: "Audit timeline" })).toContainText(/reopen/i);

  const final = await (await machine.get(`/api/v1/escalations/${id}`)).json();
  expect(final).toMatchObject({ status: "decided", round: 2, decision: { outcome: "rejected", decidedBy: "Ben Again" }, earlierRounds: [{ round: 1, decision: { outcome: "approved", decidedBy: "Ana Approver" } }] });
});
