import { expect, test } from "@playwright/test";
import { createTestSystem, escalation } from "../../support/api";
import { signIn } from "../../support/ui";

const line = (externalId: string, overrides: Record<string, unknown> = {}) =>
  JSON.stringify({ escalation: escalation({ externalId, aiOutput: { decision: "refund", amount: 890 } }), expectedOutcome: "rejected", notes: "ten times the order", ...overrides });

test("an admin imports gold items from JSONL: one bad line imports nothing and is named; a clean file reports its count", async ({ browser }) => {
  const { id: systemId } = await createTestSystem("gold", 1, { goldRate: 0.2 });
  const admin = await signIn(browser, "admin@demo.local");
  await admin.goto(`/admin/systems/${systemId}`);
  await admin.getByRole("tab", { name: "Gold items" }).click();
  await expect(admin.getByText(/reviewers cannot tell them apart from real escalations/)).toBeVisible();

  await admin.getByRole("button", { name: "Import gold items from a JSONL file" }).click();
  const bad = [line("gold-a"), "not json", line("gold-c", { expectedOutcome: "maybe" })].join("\n");
  await admin.getByLabel("JSONL file").setInputFiles({ name: "gold.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(bad) });
  await admin.getByRole("button", { name: "Import gold items", exact: true }).click();
  await expect(admin.getByText("Nothing was imported")).toBeVisible();
  const problems = admin.getByRole("list", { name: "Problems in the file" });
  await expect(problems).toContainText("line 2: not valid JSON");
  await expect(problems).toContainText("line 3: expectedOutcome");

  const good = [line("gold-d"), line("gold-e")].join("\n");
  await admin.getByLabel("JSONL file").setInputFiles({ name: "gold.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(good) });
  await admin.getByRole("button", { name: "Import gold items", exact: true }).click();
  await expect(admin.getByText("Imported 2 gold items from gold.jsonl")).toBeVisible();
});

test("the add-gold form names the rule a field breaks before anything is sent", async ({ browser }) => {
  const { id: systemId } = await createTestSystem("goldform", 1);
  const admin = await signIn(browser, "admin@demo.local");
  await admin.goto(`/admin/systems/${systemId}`);
  await admin.getByRole("tab", { name: "Gold items" }).click();
  await admin.getByRole("button", { name: "Add a gold item" }).click();
  const form = admin.getByRole("form", { name: "Add a gold item" });
  await form.getByLabel("Confidence").fill("1.7");
  await form.getByRole("textbox", { name: "AI output" }).fill("{ not json");
  await form.getByRole("button", { name: "Add gold item" }).click();
  await expect(form.getByText("confidence must be between 0 and 1")).toBeVisible();
  await expect(form.getByText(/AI output is not valid JSON/)).toBeVisible();
  await expect(form.getByText(/contextSummary must not be empty/)).toBeVisible();
  await expect(form.getByLabel("Confidence")).toHaveAttribute("aria-invalid", "true");
});
