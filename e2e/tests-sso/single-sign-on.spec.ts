import { expect, test, type Page } from "@playwright/test";
import { ssoProvider } from "../playwright.sso.config";

/** What a person does: "Sign in with SSO" on Countersign, their username at the company's provider, back to Countersign. */
async function signInWithSso(page: Page, username: string) {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Sign in with SSO" }).click();
  await expect(page).toHaveURL(new RegExp(`^${ssoProvider.issuer}/interaction/`));
  await page.getByLabel("Username").fill(username);
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a reviewer signs in through the company's identity provider and sees the queue", async ({ page }) => {
  await signInWithSso(page, ssoProvider.reviewer);
  await expect(page).toHaveURL(/\/queue/);
  await expect(page.getByRole("heading", { name: "Queue", level: 1 })).toBeVisible();
  await expect(page.getByText("Rita Reviewer")).toBeVisible();
  await expect(page.getByText("reviewer", { exact: true })).toBeVisible();
});

test("a person whose groups map to no role sees that they wait for an administrator", async ({ page }) => {
  await signInWithSso(page, ssoProvider.waiting);
  await expect(page.getByText("Waiting for an administrator to grant you a role")).toBeVisible();
  await expect(page.getByText(/ask your administrator to add you to a group that grants a Countersign role/)).toBeVisible();
  await page.goto("/audit");
  await expect(page.getByText("Waiting for an administrator to grant you a role")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an email domain outside the allow-list is refused with a page that says so", async ({ page }) => {
  await signInWithSso(page, ssoProvider.outsider);
  await expect(page).toHaveURL(/\/sign-in\?sso=domain_not_allowed/);
  await expect(page.getByRole("alert")).toContainText("Single sign-on refused.");
  await expect(page.getByRole("alert")).toContainText("domain is not allowed");
});

test("an admin sees who signs in with SSO and who with a password", async ({ browser }) => {
  const reviewer = await browser.newPage();
  await signInWithSso(reviewer, ssoProvider.reviewer);
  await expect(reviewer).toHaveURL(/\/queue/);
  const page = await browser.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("admin@demo.local");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/queue/);
  await page.goto("/admin/users");
  const rita = page.getByRole("row").filter({ hasText: "rita.reviewer@example.com" });
  await expect(rita.getByText("SSO", { exact: true })).toBeVisible();
  const admin = page.getByRole("row").filter({ hasText: "admin@demo.local" });
  await expect(admin.getByText("password", { exact: true })).toBeVisible();
});
