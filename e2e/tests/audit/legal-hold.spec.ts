import { expect, test } from "@playwright/test";
import { createTestSystem } from "../../support/api";
import { signIn } from "../../support/ui";

test("a lead places a legal hold on a system with a reason; an auditor sees it in force but cannot lift it", async ({ browser }) => {
  const { id: systemId, machine } = await createTestSystem("hold");
  await machine.dispose();
  const reason = "Complaint C-2026-114 before the data-protection authority";

  const lead = await signIn(browser, "lead@demo.local");
  await lead.goto(`/systems/${systemId}`);
  const panel = lead.getByRole("region", { name: /Legal holds/ });
  await expect(panel.getByText("No legal hold has been placed on this AI system.")).toBeVisible();
  await panel.getByRole("button", { name: "Place a legal hold on this AI system" }).click();
  const dialog = lead.getByRole("dialog");
  await dialog.getByLabel("Reason").fill("short");
  await dialog.getByRole("button", { name: "Place hold" }).click();
  await expect(dialog.getByText("the reason for the hold must be at least 10 characters", { exact: false })).toBeVisible();
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Place hold" }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByRole("table", { name: "Legal holds" })).toContainText(reason);
  await expect(panel.getByText("1 in force")).toBeVisible();

  const auditor = await signIn(browser, "auditor@demo.local");
  await auditor.goto(`/systems/${systemId}`);
  const seen = auditor.getByRole("region", { name: /Legal holds/ });
  await expect(seen.getByRole("table", { name: "Legal holds" })).toContainText(reason);
  await expect(seen.getByRole("button")).toHaveCount(0);

  // The integrity panel says what a witness adds, and warns that none is configured here.
  await auditor.goto("/audit");
  await auditor.getByRole("button", { name: "Verify the audit log" }).click();
  await expect(auditor.getByText("No witness is configured")).toBeVisible();
  await expect(auditor.getByText(/Not yet covered by a signature/)).toBeVisible();
});
