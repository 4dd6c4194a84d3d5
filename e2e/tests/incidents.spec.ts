import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { createTestSystem, escalation, signedInApi, trpcMutation } from "../support/api";
import { signIn } from "../support/ui";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

test("a lead records an incident linked to an escalation, records the report to the authority, and downloads the incident pack", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const { id: systemId, slug, machine } = await createTestSystem("incident");
  const body = escalation();
  expect((await machine.post("/api/v1/escalations", { data: body })).status()).toBe(201);
  const later = escalation();
  expect((await machine.post("/api/v1/escalations", { data: later })).status()).toBe(201);
  await machine.dispose();
  const title = `Refund approved on a forged receipt ${Date.now().toString(36)}`;

  const lead = await signIn(browser, "lead@demo.local");
  await lead.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
  await expect(lead.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible();
  await lead.getByRole("button", { name: "Record an incident" }).click();
  const dialog = lead.getByRole("dialog", { name: "Record an incident" });
  await dialog.getByLabel("AI system").selectOption(systemId);
  await dialog.getByLabel("Title").fill(title);
  await dialog.getByLabel("What happened").fill("short");
  await dialog.getByRole("button", { name: "Record incident" }).click();
  await expect(dialog.getByText("description must be at least 20 characters", { exact: false })).toBeVisible();
  await dialog.getByLabel("What happened").fill("A forged receipt passed review <b>twice</b>; the customer's bank reported the fraud.");
  await dialog.getByLabel("Kind").selectOption("critical_infrastructure_or_widespread");
  await expect(dialog.getByText(/report to the market surveillance authority is due/)).toBeVisible();
  await dialog.getByLabel("Escalations").fill(body.externalId);
  await dialog.getByRole("button", { name: "Record incident" }).click();
  await expect(dialog).toBeHidden();

  // The incident's page: the clock, the linked escalation, the hold; the description shown as text.
  await expect(lead.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(lead.getByText("Report due", { exact: false })).toBeVisible();
  await expect(lead.getByText("<b>twice</b>", { exact: false })).toBeVisible();
  await expect(lead.getByRole("region", { name: "Linked escalations" }).getByRole("link", { name: body.externalId })).toBeVisible();
  await expect(lead.getByRole("region", { name: /Legal hold/ })).toContainText("in force");

  // An escalation found later is linked on the incident's page: an unknown one is refused, naming it.
  const linking = lead.getByRole("form", { name: "Link escalations" });
  await linking.getByLabel("Link escalations").fill("order-404");
  await linking.getByRole("button", { name: "Link to this incident" }).click();
  await expect(linking).toContainText('no escalation of this AI system has the id or externalId "order-404"');
  await linking.getByLabel("Link escalations").fill(later.externalId);
  await linking.getByRole("button", { name: "Link to this incident" }).click();
  await expect(lead.getByRole("region", { name: "Linked escalations" }).getByRole("link", { name: later.externalId })).toBeVisible();

  // The report to the authority stops the clock.
  await lead.getByRole("button", { name: "Record who was informed" }).click();
  const notify = lead.getByRole("dialog", { name: "Record who was informed" });
  await expect(notify.getByLabel("Who was informed")).toHaveValue("market_surveillance_authority");
  await notify.getByLabel("Recipient").fill("Bundesnetzagentur, AI market surveillance");
  await notify.getByLabel("Note").fill("Initial report filed online, reference 2026-117 (Art. 73(5))");
  await notify.getByRole("button", { name: "Record notification" }).click();
  await expect(notify).toBeHidden();
  await expect(lead.getByRole("table", { name: "Notifications" })).toContainText("Bundesnetzagentur");
  await expect(lead.getByText("Reported", { exact: true }).first()).toBeVisible();

  // The incident pack downloads and verifies offline.
  const downloading = lead.waitForEvent("download");
  await lead.getByRole("button", { name: "Download incident pack" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^incident-pack-${slug}-inc_\\w+\\.zip$`));
  const packPath = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(packPath);
  expect(readFileSync(packPath).subarray(0, 2).toString("latin1")).toBe("PK");
  const out = execFileSync("node", ["--import", "tsx", "apps/server/src/cli/main.ts", "verify-pack", packPath], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
  });
  expect(out).toMatch(/incident pack verified: incident inc_\w+ \(Art\. 73\(3\)\) of incident-/);
  expect(out).toContain("2 escalations");

  // In the list, with its status.
  await lead.getByRole("link", { name: "Incidents" }).first().click();
  const row = lead.getByRole("table", { name: "Incidents" }).getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("reported");
});

test("a report past its Art. 73 deadline is flagged on the lead's dashboard; an auditor reads the incident but cannot record one", async ({ browser }) => {
  const { id: systemId, machine } = await createTestSystem("overdue");
  await machine.dispose();
  const title = `Grid operator lost automated dispatch ${Date.now().toString(36)}`;
  const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString();
  const api = await signedInApi("lead@demo.local");
  await trpcMutation(api, "incidents.record", {
    systemId,
    title,
    description: "Dispatch decisions stopped for four hours after the model rejected every request as anomalous.",
    kind: "critical_infrastructure_or_widespread",
    severity: "critical",
    occurredAt: threeDaysAgo,
    awareAt: threeDaysAgo,
  });
  await api.dispose();

  const lead = await signIn(browser, "lead@demo.local");
  await lead.goto("/dashboard");
  const notice = lead.getByRole("region", { name: /overdue/ });
  await expect(notice).toContainText("the report to the market surveillance authority was due");
  await notice.getByRole("link", { name: title }).click();
  await expect(lead.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(lead.getByText("Overdue", { exact: true }).first()).toBeVisible();

  const auditor = await signIn(browser, "auditor@demo.local");
  await auditor.goto("/incidents");
  await expect(auditor.getByRole("table", { name: "Incidents" }).getByRole("row").filter({ hasText: title })).toContainText("Overdue");
  await expect(auditor.getByRole("button", { name: "Record an incident" })).toHaveCount(0);
});
