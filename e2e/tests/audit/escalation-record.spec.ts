import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer, signedInApi, signInApi, trpcMutation } from "../../support/api";
import { signIn } from "../../support/ui";
import { verifyNext } from "../../support/verifications";

const markup = `<img src=x onerror="window.__pwned=1"><b>not bold</b>`;

test("the auditor's escalation page shows the Art. 12(3) fields as text and the instructions-for-use version each verification was made under", async ({ browser }) => {
  test.setTimeout(120_000);
  const { slug, machine, id: systemId } = await createTestSystem("art12-page", 1);
  const adminApi = await signedInApi("admin@demo.local");
  await trpcMutation(adminApi, "instructions.record", {
    systemId,
    provider: "Acme Vision AI GmbH",
    providerContact: "compliance@acme.example",
    intendedPurpose: "Matches faces against a watch list for the venue's security staff.",
    knownLimitations: "Less accurate under backlight.",
    oversightInstructions: "Compare the face yourself before confirming a match.",
  });
  await adminApi.dispose();
  const { id } = await (
    await machine.post("/api/v1/escalations", {
      data: escalation({
        usePeriod: { start: "2026-11-22T10:59:00+01:00", end: "2026-11-22T11:00:00+01:00" },
        referenceDatabase: `Venue watch list W-17 ${markup}`,
        matchedInput: { probe: "frame-17.jpg", score: 0.97 },
      }),
    })
  ).json();
  const account = await createReviewer("Ira Identification");
  await qualifyReviewer(account.id, systemId);
  const reviewerApi = await signInApi(account.email, account.password);
  await verifyNext(reviewerApi, slug, { outcome: "approved", rationale: "The face on frame 17 matches the watch-list photo on eyes, jaw and the scar." });
  await reviewerApi.dispose();

  const auditor = await signIn(browser, "auditor@demo.local");
  await auditor.goto(`/escalations/${id}`);
  const record = auditor.getByRole("article", { name: "The escalation as received" });
  await expect(record).toContainText("Identification (Art. 12(3))");
  await expect(record.getByText(`Venue watch list W-17 ${markup}`)).toBeVisible();
  await expect(record).toContainText("2026-11-22T10:59:00+01:00");
  await expect(record).toContainText("2026-11-22T11:00:00+01:00");
  await expect(record).toContainText("frame-17.jpg");
  const verifications = auditor.getByRole("list", { name: "Verifications" });
  await expect(verifications).toContainText("approved by Ira Identification");
  await expect(verifications).toContainText("under instructions for use version 1");
  expect(await auditor.locator("main img, main b").count()).toBe(0);
  expect(await auditor.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
