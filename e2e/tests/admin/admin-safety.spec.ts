import { expect, test } from "@playwright/test";
import { createReviewer, createTestSystem, signedInApi, trpcQuery } from "../../support/api";
import { signIn } from "../../support/ui";

test("granting admin and deactivating ask first; nobody can deactivate themselves or drop their own admin role", async ({ browser }) => {
  const other = await createReviewer("Ada Candidate");
  const admin = await signIn(browser, "admin@demo.local");
  await admin.goto("/admin/users");

  // Oneself: no Deactivate, and the admin box cannot be cleared — the row says why.
  const me = await trpcQuery<{ id: string; name: string }>(await signedInApi("admin@demo.local"), "auth.me");
  const myRow = admin.getByRole("row").filter({ hasText: "admin@demo.local" });
  // The first page of a busy shared runner can take a while.
  await expect(myRow.getByText("You cannot deactivate yourself.")).toBeVisible({ timeout: 30_000 });
  await expect(myRow.getByRole("button", { name: /Deactivate/ })).toHaveCount(0);
  await expect(myRow.getByRole("checkbox", { name: "admin" })).toBeDisabled();

  // The server refuses it too, whatever the page shows.
  const api = await signedInApi("admin@demo.local");
  const selfDeactivate = await api.post("/trpc/users.setActive", { data: { userId: me.id, active: false } });
  expect(selfDeactivate.status()).toBe(400);
  expect(await selfDeactivate.text()).toContain("you cannot deactivate your own account");
  const selfDemote = await api.post("/trpc/users.setRoles", { data: { userId: me.id, roles: ["lead"] } });
  expect(selfDemote.status()).toBe(400);
  await api.dispose();

  // Granting admin is never one click: Cancel leaves the roles as they were.
  const row = admin.getByRole("row").filter({ hasText: other.email });
  await row.getByRole("checkbox", { name: "admin" }).click();
  const grant = admin.getByRole("alertdialog", { name: `Make ${other.name} an admin?` });
  await expect(grant).toBeVisible();
  await grant.getByRole("button", { name: "Cancel" }).click();
  await expect(row.getByRole("checkbox", { name: "admin" })).not.toBeChecked();
  await row.getByRole("checkbox", { name: "admin" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Make admin" }).click();
  await expect(row.getByRole("checkbox", { name: "admin" })).toBeChecked();

  await row.getByRole("button", { name: `Deactivate ${other.name}` }).click();
  await expect(admin.getByRole("alertdialog", { name: `Deactivate ${other.name}?` })).toBeVisible();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
  await expect(row.getByText("active", { exact: true })).toBeVisible();
});

test("an API key needs a label, its secret asks before it closes, revoking asks first, and the tab is in the URL", async ({ browser }) => {
  const { id: systemId } = await createTestSystem("admin-keys", 1);
  const admin = await signIn(browser, "admin@demo.local");
  await admin.goto(`/admin/systems/${systemId}`);
  await admin.getByRole("tab", { name: "API keys" }).click();
  await expect(admin).toHaveURL(/\?tab=keys/);

  await admin.getByRole("button", { name: "Issue API key" }).click();
  await expect(admin.getByText("Key label is required")).toHaveCount(1);
  await admin.getByLabel("Key label").fill("staging gateway");
  await admin.getByRole("button", { name: "Issue API key" }).click();
  const secret = admin.getByRole("dialog", { name: "New API key" });
  await expect(secret).toBeVisible();
  await expect(secret.locator(".btn-primary")).toHaveCount(1);

  // Escape does not throw the key away: it asks, and "Keep it open" keeps it.
  await admin.keyboard.press("Escape");
  await expect(secret.getByText("You have not copied it.")).toBeVisible();
  await secret.getByRole("button", { name: "Keep it open" }).click();
  await expect(secret.getByLabel("API key")).toHaveValue(/^cs_/);
  await secret.getByRole("button", { name: "Close", exact: true }).click();
  await secret.getByRole("button", { name: "I have kept it, close" }).click();
  await expect(admin.getByRole("dialog")).toHaveCount(0);

  const keyRow = admin.getByRole("row").filter({ hasText: "staging gateway" });
  await keyRow.getByRole("button", { name: /Revoke key/ }).click();
  const revoke = admin.getByRole("alertdialog", { name: /Revoke key/ });
  await expect(revoke).toBeVisible();
  await revoke.getByRole("button", { name: "Revoke key" }).click();
  await expect(keyRow.getByText("revoked")).toBeVisible();

  // Tabs are pages of their own: Back returns to the tab before.
  await admin.getByRole("tab", { name: "Review policy" }).click();
  await expect(admin).toHaveURL(/\?tab=policy/);
  await admin.goBack();
  await expect(admin.getByRole("tab", { name: "API keys" })).toHaveAttribute("aria-selected", "true");
});

test("policy errors name the field as the form labels it, in people's words, once", async ({ browser }) => {
  const { id: systemId } = await createTestSystem("admin-errors", 1);
  const admin = await signIn(browser, "admin@demo.local");
  await admin.goto(`/admin/systems/${systemId}?tab=policy`);
  await admin.getByLabel("Minimum rationale (characters)").fill("");
  await admin.getByLabel("Lease (minutes)", { exact: true }).fill("0");
  await admin.getByRole("button", { name: "Save policy" }).click();
  await expect(admin.getByText("Minimum rationale: enter a number")).toHaveCount(1);
  await expect(admin.getByText("Lease must be a whole number from 1 to 480 minutes")).toHaveCount(1);
  await expect(admin.getByText(/Not saved: check Minimum rationale \(characters\) and Lease \(minutes\)/)).toBeVisible();
  await expect(admin.getByText(/minRationaleChars|leaseMinutes|NaN|Invalid input/)).toHaveCount(0);
});
