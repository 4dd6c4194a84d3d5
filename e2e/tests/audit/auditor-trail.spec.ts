import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer, signedInApi, signInApi, trpcQuery } from "../../support/api";
import { signIn } from "../../support/ui";
import { verifyNext } from "../../support/verifications";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");

type Trail = { matches: { shown: { sha256: string }; auditEntries: { seq: number; hash: string; action: string }[] }[] };

test("an auditor finds an escalation by its externalId, reads its full trail, and exports a proof pack that verifies offline", async ({ browser }, testInfo) => {
  const { slug, machine, id: systemId } = await createTestSystem("trail", 1);
  const body = escalation();
  const posted = await machine.post("/api/v1/escalations", { data: body });
  expect(posted.status()).toBe(201);

  const account = await createReviewer("Ada Trail");
  await qualifyReviewer(account.id, systemId);
  const reviewerApi = await signInApi(account.email, account.password);
  const rationale = "Order 5531 was paid three days ago and the blender failed on day two: a refund of 89 EUR is within policy.";
  const { result } = await verifyNext(reviewerApi, slug, { outcome: "approved", rationale, holdSeconds: 3 });
  expect(result.status).toBe("decided");
  await reviewerApi.dispose();

  // What the server holds, to compare the page against.
  const auditorApi = await signedInApi("auditor@demo.local");
  const trail = await trpcQuery<Trail>(auditorApi, "audit.trail", { query: body.externalId });
  await auditorApi.dispose();
  const held = trail.matches[0]!;
  expect(held.auditEntries.map((e) => e.action)).toContain("escalation.decided");

  const auditor = await signIn(browser, "auditor@demo.local");
  await auditor.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  await auditor.getByLabel("Find an escalation by id or external id").fill(body.externalId);
  await auditor.getByRole("button", { name: "Find" }).click();

  const found = auditor.getByRole("article", { name: `Trail of ${body.externalId}` });
  await expect(found).toBeVisible();
  // The decision, who made it, after how much active time, under which qualification, on what content.
  const verification = found.getByRole("region", { name: "Verification 1 by Ada Trail" });
  await expect(verification).toContainText("approved");
  await expect(verification).toContainText(/Active time\s*3 s/);
  await expect(verification).toContainText("End-to-end test: the system's review policy and automation bias");
  await expect(verification).toContainText("matches the stored content");
  await expect(verification).toContainText(rationale);
  await expect(found.getByText("Ada Trail claimed it")).toBeVisible();
  await expect(found.getByText(held.shown.sha256).first()).toBeVisible();
  // Every audit entry with its hash.
  const entries = found.getByRole("list", { name: "Audit entries" }).getByRole("listitem");
  await expect(entries).toHaveCount(held.auditEntries.length);
  for (const entry of held.auditEntries) {
    await expect(found.getByText(entry.hash, { exact: true }).first()).toBeVisible();
  }
  await expect(entries.filter({ hasText: "escalation.decided" })).toContainText("hash verifies");

  // The proof pack for the system and the default period (the last 30 days) downloads as a zip.
  const side = auditor.getByRole("complementary", { name: "Proof and integrity" });
  await side.getByLabel("AI system").selectOption(slug);
  const downloading = auditor.waitForEvent("download");
  await side.getByRole("button", { name: "Export proof pack" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^proof-pack-${slug}-\\d{4}-\\d{2}-\\d{2}-to-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
  const packPath = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(packPath);
  const pack = readFileSync(packPath);
  expect(pack.subarray(0, 2).toString("latin1")).toBe("PK");
  expect(pack.includes("manifest.json")).toBe(true);
  await expect(side.getByText(`Downloaded ${download.suggestedFilename()}`)).toBeVisible();

  // Verified offline with the public key the page shows: no server, no database.
  const pem = await side.getByLabel("Public key (PEM)").textContent();
  const keyPath = testInfo.outputPath("public-key.pem");
  writeFileSync(keyPath, pem ?? "");
  const out = execFileSync("node", ["--import", "tsx", "apps/server/src/cli/main.ts", "verify-pack", packPath, "--public-key", keyPath], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
  });
  expect(out).toContain(`proof pack verified: ${slug}`);

  // The whole log verifies in the browser too.
  await side.getByRole("button", { name: "Verify the audit log" }).click();
  await expect(side.getByText(/Intact: all [\d,]+ entries match their hashes/)).toBeVisible();

  // The printable explanation of this decision, from the trail.
  await found.getByRole("link", { name: "Explanation (printable)" }).click();
  await expect(auditor.getByRole("heading", { level: 1 })).toContainText(body.externalId);
  await expect(auditor.getByText("Approved", { exact: true })).toBeVisible();
  await expect(auditor.getByText(rationale)).toBeVisible();
  await expect(auditor.getByText("No changes: the decision confirms the AI output exactly as it was produced.")).toBeVisible();
});
