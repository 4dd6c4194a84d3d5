import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer } from "../../support/api";
import { signIn } from "../../support/ui";

const markup = `<img src=x onerror="window.__pwned=1"><b>not bold</b>`;

test("an admin records instructions for use; the reviewer reads them, collapsed, on the review screen, with the Art. 12(3) fields", async ({ browser }) => {
  const { slug, machine, id: systemId } = await createTestSystem("ifu", 1);
  const admin = await signIn(browser, "admin@demo.local");
  await admin.goto(`/admin/systems/${systemId}?tab=instructions`);
  const form = admin.getByRole("form", { name: "Instructions for use" });
  await expect(form).toContainText("No version recorded yet.");
  await form.getByLabel("Provider", { exact: true }).fill("Acme Vision AI GmbH");
  await form.getByLabel("Provider's contact").fill("compliance@acme.example");
  await form.getByLabel("Intended purpose").fill("Matches faces against a watch list for the venue's security staff.");
  await form.getByLabel("Known limitations").fill(`Less accurate under backlight. ${markup}`);
  await form.getByLabel("Oversight instructions").fill("Compare the face yourself before confirming a match.");
  await form.getByRole("button", { name: "Record a new version" }).click();
  await expect(form).toContainText("Version 1 is in force.");
  await expect(admin.getByRole("region", { name: "Versions" })).toContainText("Version 1, in force from");

  const { id } = await (
    await machine.post("/api/v1/escalations", {
      data: escalation({
        usePeriod: { start: "2026-11-22T10:59:00+01:00", end: "2026-11-22T11:00:00+01:00" },
        referenceDatabase: "Venue watch list W-17",
        matchedInput: { probe: "frame-17.jpg", score: 0.97 },
      }),
    })
  ).json();
  const account = await createReviewer("Ines Instructions");
  await qualifyReviewer(account.id, systemId);
  const reviewer = await signIn(browser, account.email, account.password);
  await reviewer.goto(`/queue?system=${slug}`);
  await reviewer.getByRole("button", { name: "Claim next" }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/review/${id}`));

  const panel = reviewer.getByRole("region", { name: "Instructions for use" });
  await expect(panel).toContainText("version 1");
  await expect(panel.getByText("Known limitations")).toHaveCount(0);
  await panel.getByRole("button", { name: "Instructions for use" }).click();
  await expect(panel.getByText(`Less accurate under backlight. ${markup}`)).toBeVisible();
  await expect(panel).toContainText("Compare the face yourself before confirming a match.");
  expect(await reviewer.locator("main img, main b").count()).toBe(0);
  expect(await reviewer.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  const identification = reviewer.getByRole("region", { name: "Identification record (Art. 12(3))" });
  await expect(identification).toContainText("Venue watch list W-17");
  await expect(identification).toContainText("2026-11-22T10:59:00+01:00");
  await expect(identification).toContainText("frame-17.jpg");
});

test("a reviewer sees what Countersign measures about their work until they acknowledge it, then no more", async ({ browser }) => {
  const account = await createReviewer("Mona Monitored");
  const reviewer = await signIn(browser, account.email, account.password);
  const bar = reviewer.getByRole("region", { name: "Monitoring notice" });
  await expect(bar).toBeVisible();
  await bar.getByRole("button", { name: "Read what is measured" }).click();
  const notice = reviewer.getByRole("dialog", { name: "What Countersign measures about your work" });
  for (const measure of ["Gold catch rate", "Rationales that closely repeat", "Attention checks answered wrongly", "workers' representatives"]) {
    await expect(notice).toContainText(measure);
  }
  await notice.getByRole("button", { name: "I have read what Countersign measures" }).click();
  await expect(notice).toHaveCount(0);
  await expect(bar).toHaveCount(0);
  await reviewer.reload();
  await expect(reviewer.getByRole("table", { name: "Escalations in the queue" })).toBeVisible();
  await expect(reviewer.getByRole("region", { name: "Monitoring notice" })).toHaveCount(0);
});
