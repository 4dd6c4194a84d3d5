import { expect, test, type Response } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer } from "../../support/api";
import { signIn } from "../../support/ui";

test("in judgement-first mode the AI output reaches the reviewer's browser only after their own verdict is recorded", async ({ browser }) => {
  const { slug, machine, id: systemId } = await createTestSystem("judge", 1, { judgementFirst: true });
  // A value that appears in the AI output and nowhere else in the escalation.
  const marker = `ZX-${Date.now().toString(36).toUpperCase()}-REFUND-CODE`;
  const body = escalation({ aiOutput: { decision: "refund", amount: 89.0, currency: "EUR", approvalCode: marker }, priority: "normal" });
  const posted = await machine.post("/api/v1/escalations", { data: body });
  expect(posted.status()).toBe(201);
  const { id } = await posted.json();

  const account = await createReviewer("Jude First");
  await qualifyReviewer(account.id, systemId);
  const reviewer = await signIn(browser, account.email, account.password);

  // Every response the reviewer's browser receives, read in full.
  const bodies: { url: string; text: Promise<string> }[] = [];
  const record = (response: Response) => bodies.push({ url: response.url(), text: response.text().catch(() => "") });
  reviewer.on("response", record);

  await reviewer.goto(`/queue?system=${slug}`);
  await reviewer.getByRole("button", { name: "Claim next" }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/review/${id}`));
  await expect(reviewer.getByText(body.contextSummary)).toBeVisible();
  await expect(reviewer.getByText(/Hidden until you record your own judgement/)).toBeVisible();
  await reviewer.getByRole("button", { name: /Order 5531/ }).click();
  await expect(reviewer.getByText("Blender BX-200, paid 89.00 EUR on 2026-11-19.")).toBeVisible();

  // Before the verdict: not on the page, and in no response the browser received.
  expect(await reviewer.content()).not.toContain(marker);
  const before = await Promise.all(bodies.map(async (b) => ({ url: b.url, text: await b.text })));
  expect(before.some((b) => b.url.includes("reviews.view"))).toBe(true);
  expect(before.filter((b) => b.text.includes(marker)).map((b) => b.url)).toEqual([]);

  await reviewer.getByRole("radiogroup", { name: "Your own verdict" }).getByRole("radio", { name: "I would approve" }).click();
  await reviewer.getByLabel("Why, in one line").fill("Paid 89.00 EUR three days ago; a dead blender is a clear defect.");
  await reviewer.getByRole("button", { name: "Record my judgement" }).click();

  // After it: the output is revealed, and the verdict stays on record beside it.
  await expect(reviewer.getByRole("region", { name: "AI output" }).getByText(marker)).toBeVisible();
  await expect(reviewer.getByText("Your own judgement (recorded)")).toBeVisible();
  expect(await reviewer.content()).toContain(marker);
  reviewer.off("response", record);
});
