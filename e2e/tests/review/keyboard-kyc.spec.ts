import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer } from "../../support/api";
import { signIn } from "../../support/ui";

/** The KYC demo system's checklist; judgement first and evidence-only approval as in its policy. */
const kycChecklist = [
  { id: "document-authentic", text: "Security features, template and MRZ of the document were checked" },
  { id: "identity-match", text: "Name, date of birth and face match the applicant" },
  { id: "document-valid", text: "The document is in date and an accepted type for the country" },
  { id: "screening-resolved", text: "Every sanctions and PEP screening hit is resolved and documented" },
  { id: "outcome-communicable", text: "The outcome can be explained to the applicant without tipping off fraud" },
];

test("a KYC item is reviewed with the keyboard alone and no Tab: judgement first, evidence, checklist, attention check, approval", async ({ browser }) => {
  // attentionCheckRate 1: every claim asks the check, so the test does not depend on the draw.
  const { slug, machine, id: systemId } = await createTestSystem("kyc-keys", 1, {
    checklist: kycChecklist,
    judgementFirst: true,
    evidenceRequired: true,
    attentionCheckRate: 1,
  });
  const aiOutput = { decision: "approve", checks: { template: "matched", mrz: "valid", expiry: "2031-04-30" } };
  const body = escalation({
    input: { applicantId: "APP-118351", documentType: "passport", issuingCountry: "PT" },
    aiOutput,
    confidence: 0.71,
    model: "kyc-docvision 5.1",
    escalationReason: { code: "low_confidence", explanation: "The selfie is backlit, so the face match scored below the threshold." },
    contextSummary: "Portuguese passport, MRZ valid, in date. Face match 0.71 on a backlit selfie.",
    evidence: [
      { title: "Passport data page", content: "Portuguese passport, holder born 1990-02-11, expires 2031-04-30." },
      { title: "Selfie and face match", content: "Backlit selfie; the landmarks match the passport photo." },
    ],
    priority: "normal",
  });
  const { id } = await (await machine.post("/api/v1/escalations", { data: body })).json();
  const account = await createReviewer("Kira Keys");
  await qualifyReviewer(account.id, systemId);
  const page = await signIn(browser, account.email, account.password);
  await page.goto(`/queue?system=${slug}`);
  await expect(page.getByRole("button", { name: "Claim next" })).toBeVisible();

  let tabs = 0;
  await page.exposeFunction("countTab", () => void tabs++);
  await page.evaluate(() => document.addEventListener("keydown", (e) => e.key === "Tab" && (window as unknown as { countTab: () => void }).countTab()));

  await page.keyboard.press("c");
  await expect(page).toHaveURL(new RegExp(`/review/${id}`));
  await expect(page.getByRole("button", { name: "Approve" })).toBeVisible();
  const status = page.getByRole("status", { name: "Decision status" });
  await expect(status).toContainText("Record your own judgement first (v)");

  // Judgement first: v, a (I would approve), the reason, Enter. The focus then goes to the revealed AI output.
  await page.keyboard.press("v");
  const verdict = page.getByRole("radiogroup", { name: "Your own verdict" });
  await expect(verdict.getByRole("radio").first()).toBeFocused();
  await page.keyboard.press("a");
  await expect(page.getByLabel("Why, in one line")).toBeFocused();
  await page.keyboard.type("MRZ valid and in date; a backlit selfie is no reason to refuse.");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Your own judgement (recorded)")).toBeVisible();
  await expect(page.getByRole("heading", { name: "AI output" })).toBeFocused();
  await expect(status).not.toContainText("judgement");

  // o opens the first evidence item (the server records the opening), s marks it as supporting.
  await page.keyboard.press("o");
  await expect(page.getByRole("button", { name: /Passport data page/ })).toBeFocused();
  await expect(page.getByText("holder born 1990-02-11")).toBeVisible();
  await page.keyboard.press("s");
  const supporting = page.getByRole("group", { name: "Supporting evidence" }).getByRole("checkbox", { name: /Passport data page/ });
  await expect(supporting).toBeChecked();
  await expect(supporting).toBeFocused();

  // 1, then y five times: each answer moves on to the next item, the last one to the rationale.
  await page.keyboard.press("1");
  for (let i = 0; i < kycChecklist.length; i++) await page.keyboard.press("y");
  await expect(page.getByLabel("Rationale")).toBeFocused();
  await expect(status).not.toContainText("Checklist");
  await page.keyboard.type("Passport data page checked against the MRZ; the face matches despite the backlight.");
  await page.keyboard.press("Escape");

  // q goes to the attention check; its number answers it and the focus moves to the decision.
  await page.keyboard.press("q");
  const check = page.getByRole("radiogroup", { name: "Which of these values appears in the AI output?" });
  await expect(check.getByRole("radio").first()).toBeFocused();
  const options = await check.locator(".check-option .mono").allTextContents();
  const right = options.findIndex((option) => JSON.stringify(aiOutput).toLowerCase().includes(option.toLowerCase()));
  expect(right).toBeGreaterThanOrEqual(0);
  await page.keyboard.press(String(right + 1));
  await expect(check.getByRole("radio").nth(right)).toBeChecked();
  await expect(page.getByRole("button", { name: "Approve" })).toBeFocused();

  await expect(status).toContainText("Ready to approve: every rule is met.", { timeout: 20_000 });
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(new RegExp(`/review/${id}`));
  expect(tabs).toBe(0);

  const decided = await (await machine.get(`/api/v1/escalations/${id}`)).json();
  expect(decided.decision.outcome).toBe("approved");
});
