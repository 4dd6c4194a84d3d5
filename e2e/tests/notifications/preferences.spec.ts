import { expect, test } from "@playwright/test";
import { signIn } from "../../support/ui";

test("a reviewer chooses what they hear and adds a chat webhook that is never shown back in full; they cannot open the admins' page", async ({ browser }) => {
  const reviewer = await signIn(browser, "reviewer2@demo.local");
  await reviewer.getByRole("link", { name: "My notifications" }).click();
  await expect(reviewer.getByRole("heading", { name: "Notifications" })).toBeVisible();
  // The demo has neither SMTP nor a public address: the page says what is missing.
  await expect(reviewer.getByText("Email is not configured on this server")).toBeVisible();
  await expect(reviewer.getByText("Links need COUNTERSIGN_PUBLIC_URL")).toBeVisible();
  await expect(reviewer.getByText(/no approving from an email or a chat/)).toBeVisible();

  const table = reviewer.getByRole("table", { name: "Notification preferences" });
  await expect(table).toContainText("An urgent escalation is waiting");
  await expect(table).not.toContainText("A drift alert was raised");
  await reviewer.getByLabel("Channel for: An urgent escalation is waiting").selectOption("off");
  await reviewer.getByLabel("When for: An escalation's due date is about to pass").selectOption("daily");
  await reviewer.getByRole("button", { name: "Save preferences" }).click();
  await expect(reviewer.getByText("Your notification preferences are saved", { exact: true })).toBeVisible();

  const secret = "https://hooks.slack.com/services/T000/B000/abcdefgh1234";
  await reviewer.getByLabel("Incoming webhook address").fill(secret);
  await reviewer.getByRole("button", { name: "Save chat webhook" }).click();
  await expect(reviewer.getByText("hooks.slack.com/…1234")).toBeVisible();

  await reviewer.reload();
  await expect(reviewer.getByLabel("Channel for: An urgent escalation is waiting")).toHaveValue("off");
  await expect(reviewer.getByLabel("When for: An escalation's due date is about to pass")).toHaveValue("daily");
  await expect(reviewer.getByText("hooks.slack.com/…1234")).toBeVisible();
  expect(await reviewer.content()).not.toContain("abcdefgh1234");

  await reviewer.goto("/admin/notifications");
  await expect(reviewer.getByText("You do not have access to this page")).toBeVisible();
});
