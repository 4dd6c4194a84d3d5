import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer } from "../../support/api";
import { signIn } from "../../support/ui";

test("a lead halts a system with a reason, the AI system reads it over REST, everyone working on it sees who and why, and the lead resumes it", async ({ browser }) => {
  const { slug, machine, id: systemId } = await createTestSystem("stop");
  expect((await machine.post("/api/v1/escalations", { data: escalation() })).status()).toBe(201);
  expect(await (await machine.get("/api/v1/system")).json()).toMatchObject({ slug, state: "active" });

  const lead = await signIn(browser, "lead@demo.local");
  await lead.goto(`/systems/${systemId}`);
  await lead.getByRole("button", { name: "Halt system" }).click();
  const dialog = lead.getByRole("dialog", { name: "Halt E2E stop?" });
  // A halt needs a reason; the dialog names the rule.
  await dialog.getByRole("button", { name: "Halt now" }).click();
  await expect(dialog).toContainText("reason must be at least 5 characters");
  const reason = "Refunds above the limit are being approved without review";
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Halt now" }).click();
  await expect(dialog).toBeHidden();

  const banner = lead.getByRole("region", { name: "E2E stop is halted" });
  await expect(banner).toContainText("Halted by Lena Fischer");
  await expect(banner).toContainText(reason);

  // The AI system polls its state with its API key.
  const halted = await (await machine.get("/api/v1/system")).json();
  expect(halted).toMatchObject({ slug, state: "halted", reason, changedBy: "Lena Fischer" });

  // A reviewer sees the halt in the queue and on the review screen.
  const account = await createReviewer("Hal Tedd");
  await qualifyReviewer(account.id, systemId);
  const reviewer = await signIn(browser, account.email, account.password);
  await reviewer.goto(`/queue?system=${slug}`);
  await expect(reviewer.getByRole("region", { name: "E2E stop is halted" })).toContainText(reason);
  await reviewer.getByRole("button", { name: "Claim next" }).click();
  await expect(reviewer).toHaveURL(/\/review\//);
  await expect(reviewer.getByRole("region", { name: "E2E stop is halted" })).toContainText("Halted by Lena Fischer");

  // An auditor sees it too, and has no stop button.
  const auditor = await signIn(browser, "auditor@demo.local");
  await auditor.goto(`/systems/${systemId}`);
  await expect(auditor.getByRole("region", { name: "E2E stop is halted" })).toBeVisible();
  await expect(auditor.getByRole("button", { name: /Resume system|Halt system/ })).toHaveCount(0);
  expect((await auditor.request.post("/trpc/systems.resume", { data: { systemId, reason: "an auditor tries" } })).status()).toBe(403);

  await lead.getByRole("button", { name: "Resume system" }).click();
  const resume = lead.getByRole("dialog", { name: "Resume E2E stop?" });
  await resume.getByLabel("Reason").fill("The gateway's limit check is fixed and tested");
  await resume.getByRole("button", { name: "Resume now" }).click();
  await expect(resume).toBeHidden();
  await expect(lead.getByRole("region", { name: "E2E stop is halted" })).toHaveCount(0);
  expect(await (await machine.get("/api/v1/system")).json()).toMatchObject({ slug, state: "active", changedBy: "Lena Fischer" });
});
