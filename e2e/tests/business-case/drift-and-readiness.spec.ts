import { expect, test } from "@playwright/test";
import { createTestSystem, escalation } from "../../support/api";
import { reportVolumeCoveringNow, setTestBusinessCase } from "../../support/business-case";
import { signIn } from "../../support/ui";

test("a lead sees the drift alert when production runs at 40% against an assumed 10%, reads the readiness review's live figures and records a review", async ({ browser }) => {
  // Seeded through the API: the business case (10% ± 5%, minimum sample 10), then 8 escalations
  // and a volume report of 20 outputs covering them: 40%.
  const { slug, machine, id: systemId } = await createTestSystem("drift");
  await setTestBusinessCase(systemId);
  for (let i = 0; i < 8; i++) {
    const posted = await machine.post("/api/v1/escalations", { data: escalation() });
    expect(posted.status()).toBe(201);
  }
  await reportVolumeCoveringNow(machine, 20);

  const lead = await signIn(browser, "lead@demo.local");
  await lead.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Systems" }).click();
  const row = lead.getByRole("row").filter({ hasText: slug });
  await expect(row).toContainText("drift alert open");
  await row.getByRole("link", { name: "E2E drift", exact: true }).click();
  await expect(lead).toHaveURL(new RegExp(`/systems/${systemId}`));

  // The open alert, shown first and plainly: measured against assumed, and the window.
  const alert = lead.getByRole("alert").filter({ hasText: "The verification rate has left the business case" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("40%");
  await expect(alert).toContainText("10% ± 5%");
  await expect(alert).toContainText("8 escalations of 20 outputs");
  await expect(lead.getByRole("table", { name: "Drift alert history" }).getByRole("row")).toHaveCount(2);
  // The headline figures: the measured rate and the cost per item at it (0.50 + 40% × 6.00).
  const figures = lead.getByRole("definition").filter({ hasText: "€2.90" });
  await expect(figures.first()).toBeVisible();
  // A reason's figure links to its rows in the queue.
  await expect(lead.getByRole("link", { name: /8 escalations for low_confidence/ })).toHaveAttribute("href", `/queue?system=${slug}&reason=low_confidence`);
  // The granularity lives in the URL.
  await lead.getByLabel("Granularity").selectOption("week");
  await expect(lead).toHaveURL(/granularity=week/);

  await lead.getByRole("link", { name: "Readiness review" }).click();
  await expect(lead).toHaveURL(new RegExp(`/systems/${systemId}/readiness`));
  const strategy = lead.getByRole("region", { name: "Does the business case still hold in production?" });
  await expect(strategy).toContainText("Does not hold");
  await expect(strategy).toContainText("40%");
  await expect(strategy).toContainText("€2.90");
  await expect(strategy).toContainText("€6.00");
  await expect(lead.getByRole("region", { name: "Is the review policy enforced as written?" })).toContainText("A decision is refused without a rationale of at least 40 characters.");
  await expect(lead.getByRole("region", { name: "Does oversight run as designed, with context for the reviewer?" })).toContainText("8");
  const architecture = lead.getByRole("region", { name: "Can we see drift, trace any output, and stop the system?" });
  await expect(architecture).toContainText("still open");
  await expect(architecture).toContainText("stop never pressed");
  const cadence = lead.getByRole("table", { name: "Readiness review cadence" });
  await expect(cadence.getByRole("row").filter({ hasText: "before go-live" })).toContainText("Overdue");

  // The lead records the review; the form names each rule that is not met.
  const form = lead.getByRole("form", { name: "Record a review" });
  await form.getByRole("button", { name: "Record review" }).click();
  await expect(form).toContainText("choose a verdict: go, go with actions, or no-go");
  await expect(form).toContainText("name at least one attendee");
  await form.getByLabel("Milestone").selectOption("before_go_live");
  await form.getByRole("radio", { name: "No-go" }).check();
  await form.getByLabel("Attendees").fill("Lena Fischer\nAmira Haddad");
  await form.getByRole("textbox", { name: "Actions" }).fill("Find out why one output in 2.5 escalates — Lena, by Friday");
  await form.getByRole("button", { name: "Record review" }).click();

  const recorded = lead.getByRole("list", { name: "Readiness reviews, newest first" }).getByRole("listitem").first();
  await expect(recorded).toContainText("No-go");
  await expect(recorded).toContainText("Before go-live");
  await expect(recorded).toContainText("recorded by Lena Fischer");
  await expect(recorded).toContainText("Lena Fischer, Amira Haddad");
  await expect(recorded).toContainText("measured 40% against assumed 10%");
  await expect(cadence.getByRole("row").filter({ hasText: "before go-live" })).not.toContainText("Overdue");
  await expect(cadence.getByRole("row").filter({ hasText: "day 30" })).toContainText("Overdue");
});

test("an auditor reads the readiness review but cannot record one; the server refuses it too", async ({ browser }) => {
  const { id: systemId } = await createTestSystem("audit-readiness");
  const auditor = await signIn(browser, "auditor@demo.local");
  await auditor.goto(`/systems/${systemId}/readiness`);
  await expect(auditor.getByRole("region", { name: "Who answers for this system, and when was it last reviewed?" })).toBeVisible();
  await expect(auditor.getByRole("form", { name: "Record a review" })).toHaveCount(0);
  const res = await auditor.request.post("/trpc/readiness.record", {
    data: { systemId, milestone: "before_go_live", verdict: "go", attendees: ["Margit Halvorsen"] },
  });
  expect(res.status()).toBe(403);
});
