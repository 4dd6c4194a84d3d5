import { expect, test } from "@playwright/test";
import { createTestSystem, escalation } from "../../support/api";
import { signIn } from "../../support/ui";

test("an admin sets what an AI system must do past dueAt; an escalation left undecided expires on its own, a waiting GET hears it, and the queue shows it as expired", async ({ browser }) => {
  // Two sign-ins, a policy save and a real deadline (4 s, then the 5 s sweep) on a shared, busy runner.
  test.setTimeout(120_000);
  const { id: systemId, slug, machine } = await createTestSystem("deadline", 1);

  // The admin chooses "reject" where the review policy is edited.
  const admin = await signIn(browser, "admin@demo.local");
  await admin.goto(`/admin/systems/${systemId}`);
  await admin.getByRole("tab", { name: "Review policy" }).click();
  const onOverdue = admin.getByLabel("When the due time passes undecided");
  await expect(onOverdue).toHaveValue("hold");
  await onOverdue.selectOption("reject");
  await expect(admin.getByText(/treat the AI output as rejected/).first()).toBeVisible();
  await admin.getByRole("button", { name: "Save policy" }).click();
  await expect(admin.getByText("Review policy saved").first()).toBeVisible();

  // Due in four seconds; the AI system waits for the answer instead of polling.
  const body = escalation({ dueAt: new Date(Date.now() + 4_000).toISOString() });
  const posted = await machine.post("/api/v1/escalations", { data: body });
  expect(posted.status()).toBe(201);
  const { id } = await posted.json();
  const started = Date.now();
  const waited = await machine.get(`/api/v1/escalations/${id}?wait=25`, { timeout: 40_000 });
  expect(Date.now() - started).toBeLessThan(20_000);
  const resource = await waited.json();
  expect(resource.status).toBe("expired");
  expect(resource.decision).toMatchObject({ outcome: "expired", onOverdue: "reject", decidedBy: "Countersign" });
  expect(resource.decision.rationale).toContain("treat the AI output as rejected");
  expect((await machine.get(`/api/v1/escalations/${id}?wait=99`)).status()).toBe(400);

  // The lead finds it under the queue's Expired filter, not among the open items.
  const lead = await signIn(browser, "lead@demo.local");
  await lead.goto(`/queue?system=${slug}`);
  await expect(lead.getByText(body.externalId)).toHaveCount(0);
  await lead.goto(`/queue?system=${slug}&status=expired`);
  const row = lead.getByRole("row").filter({ hasText: body.externalId });
  await expect(row).toBeVisible();
  await expect(row.getByText("expired", { exact: true })).toBeVisible();
});
