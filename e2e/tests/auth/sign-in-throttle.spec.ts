import { expect, test } from "@playwright/test";
import { signIn } from "../../support/ui";

test("after repeated wrong passwords the sign-in form says how long to wait, and holds the button until then", async ({ page }) => {
  // An account of its own (it need not exist: unknown accounts are throttled alike), so no other test is locked out.
  const email = `locked-${Date.now().toString(36)}@demo.local`;
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  const submit = page.getByRole("button", { name: "Sign in" });
  for (let i = 0; i < 5; i++) {
    await submit.click();
    await expect(page.getByRole("alert")).toHaveText("email or password is not correct");
  }
  await submit.click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Too many sign-in attempts. Try again in");
  await expect(alert).toContainText(/Try again in (60 s|1 min|\d+ s)\./);
  await expect(submit).toBeDisabled();
});

test("the workbench's own sign-in and sign-out still pass the same-origin check", async ({ browser }) => {
  const page = await signIn(browser, "reviewer@demo.local");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/queue");
  await expect(page).toHaveURL(/\/sign-in/);
});
