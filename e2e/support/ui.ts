import { expect, type Browser, type Page } from "@playwright/test";
import { demoPassword } from "./api";

/** Signs in through the real sign-in form, in a fresh browser context of its own. */
export async function signIn(browser: Browser, email: string, password = demoPassword): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/queue/);
  return page;
}
