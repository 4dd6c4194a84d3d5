import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer } from "../../support/api";
import { signIn } from "../../support/ui";

const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold?</b>`;

test("an escalation whose fields hold HTML and script is shown as text and no script runs", async ({ browser }) => {
  const { slug, machine, id: systemId } = await createTestSystem("xss", 1);
  const body = escalation({
    input: `Customer wrote: ${payload}`,
    aiOutput: { decision: "refund", note: payload },
    contextSummary: `Summary with markup ${payload}`,
    escalationReason: { code: "markup", explanation: `Explanation ${payload}` },
    evidence: [{ title: `Evidence ${payload}`, content: `Content ${payload}` }],
  });
  const { id } = await (await machine.post("/api/v1/escalations", { data: body })).json();

  const account = await createReviewer("Xavier Safe");
  await qualifyReviewer(account.id, systemId);
  const reviewer = await signIn(browser, account.email, account.password);
  const dialogs: string[] = [];
  reviewer.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await reviewer.goto(`/queue?system=${slug}`);
  await reviewer.getByRole("button", { name: "Claim next" }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/review/${id}`));
  await expect(reviewer.getByText(`Summary with markup ${payload}`)).toBeVisible();
  await reviewer.getByRole("button", { name: /Evidence/ }).first().click();
  await expect(reviewer.getByText(`Content ${payload}`)).toBeVisible();

  expect(await reviewer.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await reviewer.locator("main img, main script, main b").count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test("a right-to-left override in an escalation is shown as a marker in the queue and on the review screen", async ({ browser }) => {
  const { slug, machine, id: systemId } = await createTestSystem("bidi", 1);
  const [rlo, pdf] = ["\u202E", "\u202C"];
  const body = escalation({
    contextSummary: `Customer asks for a refund of ${rlo}001 EUR${pdf} only.`,
    escalationReason: { code: "bidi", explanation: `Amount check: ${rlo}evorppa` },
  });
  const { id } = await (await machine.post("/api/v1/escalations", { data: body })).json();
  const marker = { name: "hidden direction control: right-to-left override (U+202E)" };

  const account = await createReviewer("Rana Direction");
  await qualifyReviewer(account.id, systemId);
  const reviewer = await signIn(browser, account.email, account.password);
  await reviewer.goto(`/queue?system=${slug}`);
  const row = reviewer.locator(".queue-row").filter({ hasText: "Amount check" });
  await expect(row.getByRole("img", marker)).toHaveText("⟨RLO⟩");
  await expect(row).toContainText("Amount check: ⟨RLO⟩evorppa");

  await reviewer.getByRole("button", { name: "Claim next" }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/review/${id}`));
  const context = reviewer.getByRole("region", { name: "Context summary" });
  await expect(context.getByRole("img", marker)).toBeVisible();
  await expect(context).toContainText("Customer asks for a refund of ⟨RLO⟩001 EUR⟨PDF⟩ only.");
  expect(await context.textContent()).not.toContain(rlo);
  await expect(reviewer.getByRole("region", { name: "Why it was escalated" }).getByRole("img", marker)).toBeVisible();

  // Only the display changed: the AI system reads back exactly what it sent.
  const stored = await (await machine.get(`/api/v1/escalations/${id}`)).json();
  expect(stored.contextSummary).toBe(body.contextSummary);
});
