import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer, trpcQuery } from "../../support/api";
import { signIn } from "../../support/ui";

type QueueList = { rows: { id: string; status: string; leaseHolderName: string | null; leaseExpiresAt: number | null }[] };

test("items of reviewers who leave go back at once: the queue shows who holds what until when, closing the tab and signing out release it", async ({ browser }) => {
  test.setTimeout(120_000); // three sign-ins and a tab closing, on a busy runner
  const { slug, machine, id: systemId } = await createTestSystem("leave", 3);
  const { id } = await (await machine.post("/api/v1/escalations", { data: escalation() })).json();
  const leaver = await createReviewer("Lea Leaving");
  const colleague = await createReviewer("Colin Colleague");
  await qualifyReviewer(leaver.id, systemId);
  await qualifyReviewer(colleague.id, systemId);

  const page = await signIn(browser, leaver.email, leaver.password);
  await page.goto(`/queue?system=${slug}`);
  await page.getByRole("button", { name: "Claim next" }).click();
  await expect(page).toHaveURL(new RegExp(`/review/${id}`));
  await expect(page.getByRole("button", { name: "Approve" })).toBeVisible();

  // A colleague sees who holds it and when the lease runs out, by name only.
  const other = await signIn(browser, colleague.email, colleague.password);
  await other.goto(`/queue?system=${slug}`);
  const row = other.getByRole("row").filter({ hasText: "in review by Lea Leaving" });
  await expect(row).toBeVisible();
  await expect(row).toContainText(/lease ends in 1[45] min/);
  const rowOf = async () => (await trpcQuery<QueueList>(other.request, "queue.list", { system: slug })).rows.find((r) => r.id === id);

  // The tab closes: its keepalive release frees the item without waiting out the lease.
  await page.close({ runBeforeUnload: true });
  await expect.poll(async () => (await rowOf())?.status, { timeout: 10_000 }).toBe("queued");
  expect((await rowOf())?.leaseHolderName).toBeNull();

  // Back in a new tab of the same session, claims it, signs out: the item is released with the session.
  const again = await page.context().newPage();
  await again.goto(`/review/${id}`);
  await again.getByRole("button", { name: "Claim it" }).click();
  await expect(again.getByRole("button", { name: "Approve" })).toBeVisible();
  await expect.poll(async () => (await rowOf())?.leaseHolderName).toBe("Lea Leaving");
  await again.getByRole("button", { name: "Sign out" }).click();
  await expect(again).toHaveURL(/\/sign-in/);
  await expect.poll(async () => (await rowOf())?.status).toBe("queued");
});
