import { expect, test, type Page } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer, signInApi, signedInApi, trpcMutation, trpcQuery } from "../../support/api";

type QueueList = { rows: { id: string; status: string; leaseHolderName: string | null }[] };

/** Signs in at the size of a 1024×768 screen, the smallest the workbench is built for. */
async function signInAt1024(page: Page, email: string, password: string) {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/queue/);
}

/** Every visible button on the page that is not part of the toast, and whether the toast's box overlaps it. */
async function buttonsUnderToast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const toast = document.querySelector(".toast");
    if (!toast) return ["no toast"];
    const t = toast.getBoundingClientRect();
    return Array.from(document.querySelectorAll<HTMLElement>("button, [role=button], a.btn"))
      .filter((b) => !toast.contains(b) && b.offsetParent !== null)
      .map((b) => ({ name: b.textContent?.trim() ?? "", r: b.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight)
      .filter(({ r }) => r.left < t.right && r.right > t.left && r.top < t.bottom && r.bottom > t.top)
      .map(({ name }) => name);
  });
}

test("at 1024×768 the status area beside the decision buttons follows the form; the toast covers no button; 'finish after this one' claims nothing more", async ({ page }) => {
  const { slug, machine, id: systemId } = await createTestSystem("status", 2);
  const ids: string[] = [];
  for (const priority of ["urgent", "high", "normal"]) {
    const posted = await machine.post("/api/v1/escalations", { data: escalation({ priority }) });
    ids.push((await posted.json()).id);
  }
  const [first, second, third] = ids as [string, string, string];
  const account = await createReviewer("Stella Status");
  await qualifyReviewer(account.id, systemId);
  await signInAt1024(page, account.email, account.password);
  await page.goto(`/queue?system=${slug}`);
  await page.getByRole("button", { name: "Claim next" }).click();
  await expect(page).toHaveURL(new RegExp(`/review/${first}`));

  // The form fits: no page scrolls sideways, the decision buttons and the first checklist item are on screen.
  const status = page.getByRole("status", { name: "Decision status" });
  await expect(status).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  for (const name of ["Approve", "Modify", "Reject", "Escalate", "Release"]) {
    await expect(page.getByRole("button", { name, exact: true })).toBeInViewport({ ratio: 1 });
  }
  await expect(page.getByRole("radiogroup", { name: "The output answers the customer's request" })).toBeInViewport();

  // Before any press it speaks of approval, live.
  await expect(status).toContainText("Before you can approve:");
  await expect(status).toContainText("Checklist: 0 of 2 answered");
  await expect(status).toContainText("Rationale: 0 of 40 characters");

  // A refused Reject is said in the same place, and the area keeps following the form.
  await page.getByRole("button", { name: "Reject" }).click();
  await expect(status).toContainText("You cannot reject yet. Still missing:");
  await expect(page.getByRole("alert")).toHaveCount(0);
  await page.getByRole("radiogroup", { name: "The output answers the customer's request" }).getByRole("radio", { name: "No" }).check();
  await expect(status).toContainText("Checklist: 1 of 2 answered");
  await page.getByRole("radiogroup", { name: "The refund is within policy" }).getByRole("radio", { name: "No" }).check();
  await expect(status).not.toContainText("Checklist");
  await page.getByLabel("Rationale").fill("The photo shows a dented box, not a dead blender;");
  await expect(status).toContainText("Ready to reject: every rule is met.");
  await expect(status).not.toContainText(/cannot|missing/i);

  // The decision goes through; the next item appears with a toast, which lies over no button.
  await page.getByRole("button", { name: "Reject" }).click();
  await expect(page).toHaveURL(new RegExp(`/review/${second}`));
  // The pressed button is gone with its item; the focus starts at the new item's top, not on the page body.
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(page.locator(".toast")).toContainText("Rejected");
  expect(await buttonsUnderToast(page)).toEqual([]);

  // "Finish after this one": the decision is recorded and the reviewer is back in the queue holding nothing.
  await page.getByRole("checkbox", { name: "Finish after this one" }).check();
  await page.getByRole("button", { name: "Escalate" }).click();
  await expect(status).toContainText("Rationale: 0 of 40 characters");
  await page.getByLabel("Rationale").fill("Needs a colleague from payments to look at the card history.");
  await page.getByRole("button", { name: "Escalate" }).click();
  await expect(page).toHaveURL(/\/queue/);
  await expect(page.getByText(/You finished: no next item was claimed/)).toBeVisible();
  const admin = await signedInApi("admin@demo.local");
  const queue = await trpcQuery<QueueList>(admin, "queue.list", { system: slug });
  expect(queue.rows.find((row) => row.id === third)).toMatchObject({ status: "queued", leaseHolderName: null });

  // A refusal from the server lands in the status area too, and goes as soon as the form changes.
  await page.goto(`/review/${third}`);
  await page.getByRole("button", { name: "Claim it" }).click();
  await expect(status).toBeVisible();
  const otherTab = await signInApi(account.email, account.password);
  await trpcMutation(otherTab, "queue.release", { escalationId: third });
  await page.getByRole("radiogroup", { name: "The output answers the customer's request" }).getByRole("radio", { name: "No" }).check();
  await page.getByRole("radiogroup", { name: "The refund is within policy" }).getByRole("radio", { name: "No" }).check();
  await page.getByLabel("Rationale").fill("The order number does not exist in the shop's records at all.");
  await page.getByRole("button", { name: "Reject" }).click();
  await expect(status).toContainText("The server did not record the decision to reject");
  await page.getByLabel("Rationale").press("End");
  await page.getByLabel("Rationale").pressSequentially("!");
  await expect(status).not.toContainText("The server did not record");
  await expect(status).toContainText("Ready to reject: every rule is met.");
  await admin.dispose();
  await otherTab.dispose();
});
