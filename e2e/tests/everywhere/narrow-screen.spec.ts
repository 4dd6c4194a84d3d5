import { expect, test, type Page } from "@playwright/test";
import { createTestSystem, escalation, signedInApi, trpcQuery } from "../../support/api";
import { signIn } from "../../support/ui";

test.use({ viewport: { width: 1024, height: 768 } });

/** The page never scrolls sideways: wide tables scroll inside their own frame. */
async function expectNoSidewaysScroll(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  // Wait for the page's data: no skeleton left (a panel still loading on a busy runner is measured as it is).
  await expect(page.locator(".skeleton")).toHaveCount(0, { timeout: 20_000 }).catch(() => undefined);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${path} is ${scrollWidth} px wide in a ${innerWidth} px window`).toBeLessThanOrEqual(innerWidth);
}

test("at 1024×768 no page scrolls sideways, for any role, and every queue row's Claim button is in view", async ({ browser }) => {
  test.setTimeout(600_000);
  const { machine, id: escalationSystemId } = await createTestSystem("narrow", 1);
  const posted = await machine.post("/api/v1/escalations", { data: escalation({ priority: "urgent" }) });
  const { id: escalationId } = await posted.json();
  const admin = await signedInApi("admin@demo.local");
  const systems = await trpcQuery<{ id: string; slug: string }[]>(admin, "systems.list");
  await admin.dispose();
  const demoSystem = systems.find((s) => s.slug === "refund-triage") ?? systems[0]!;

  const reviewer = await signIn(browser, "reviewer@demo.local");
  await reviewer.setViewportSize({ width: 1024, height: 768 });
  await expectNoSidewaysScroll(reviewer, "/queue");
  const claims = reviewer.getByRole("table", { name: "Escalations in the queue" }).getByRole("button", { name: "Claim" });
  expect(await claims.count()).toBeGreaterThan(5);
  for (const claim of await claims.all()) {
    const box = (await claim.boundingBox())!;
    expect(box.x + box.width, "a Claim button is cut off at the right").toBeLessThanOrEqual(1024);
  }

  const pages: Record<string, string[]> = {
    "lead@demo.local": [
      "/queue",
      "/dashboard",
      "/systems",
      `/systems/${demoSystem.id}`,
      `/systems/${demoSystem.id}/readiness`,
      "/disputes",
      "/audit",
      `/escalations/${escalationId}`,
      "/requests",
    ],
    "auditor@demo.local": ["/audit", "/queue", "/systems", `/systems/${demoSystem.id}`, `/escalations/${escalationId}`, `/audit?q=${escalationId}`],
    "admin@demo.local": [
      "/admin/systems",
      `/admin/systems/${demoSystem.id}`,
      `/admin/systems/${demoSystem.id}?tab=policy`,
      `/admin/systems/${escalationSystemId}?tab=keys`,
      "/admin/users",
      "/dashboard",
      "/requests",
    ],
  };
  for (const [email, paths] of Object.entries(pages)) {
    const page = await signIn(browser, email);
    await page.setViewportSize({ width: 1024, height: 768 });
    for (const path of paths) await expectNoSidewaysScroll(page, path);
    await page.context().close();
  }
});

test("an auditor's breadcrumb starts at the audit trail, and the proof pack is for the system of the item viewed", async ({ browser }) => {
  const { slug, machine } = await createTestSystem("crumbs", 1);
  const posted = await machine.post("/api/v1/escalations", { data: escalation() });
  const { id } = await posted.json();
  const auditor = await signIn(browser, "auditor@demo.local");
  await auditor.goto(`/escalations/${id}`);
  const crumb = auditor.locator(".breadcrumb");
  await expect(crumb.getByRole("link", { name: "Audit trail" })).toBeVisible();
  await expect(crumb).not.toContainText("Queue");
  await auditor.getByRole("link", { name: "Full audit trail" }).click();
  await expect(auditor.getByLabel("AI system")).toHaveValue(slug);
  // Opened from the item alone (a shared link without the system), the pack still follows the item.
  await auditor.goto(`/audit?q=${id}`);
  await expect(auditor.getByLabel("AI system")).toHaveValue(slug);
});

test("Esc leaves the queue search and keeps the filter", async ({ browser }) => {
  const { machine } = await createTestSystem("esc-search", 1);
  const body = escalation();
  await machine.post("/api/v1/escalations", { data: body });
  const lead = await signIn(browser, "lead@demo.local");
  const search = lead.getByRole("searchbox", { name: "Search" });
  await search.fill(body.externalId as string);
  await search.press("Escape");
  await expect(search).not.toBeFocused();
  await expect(search).toHaveValue(body.externalId as string);
  await expect(lead).toHaveURL(new RegExp(`search=${body.externalId}`));
  await expect(lead.getByRole("table", { name: "Escalations in the queue" }).getByRole("row")).toHaveCount(2);
});
