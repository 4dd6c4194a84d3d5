import { createPublicKey, verify } from "node:crypto";
import canonicalize from "canonicalize";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createReviewer, createTestSystem, escalation, qualifyReviewer, userIdByEmail } from "../../support/api";
import { signIn } from "../../support/ui";

/** What an AI system does with its stop state: check the Ed25519 signature over the canonical JSON of the rest of the body. */
async function readSignedState(machine: APIRequestContext) {
  const published = await (await machine.get("/api/v1/public-key")).json();
  const body = await (await machine.get("/api/v1/system")).json();
  const { signature, ...signed } = body;
  const valid = verify(null, Buffer.from(canonicalize(signed)!, "utf8"), createPublicKey(published.pem), Buffer.from(signature, "base64"));
  expect(valid, "the state is signed by this Countersign's key").toBe(true);
  expect(body.keyId).toBe(published.keyId);
  return body;
}

test("the stop seen by the AI system: only a person with stop authority may halt; the AI system reads the signed halt; the system page shows when it was seen", async ({ browser }) => {
  const { slug, machine, id: systemId } = await createTestSystem("stop");
  expect((await machine.post("/api/v1/escalations", { data: escalation() })).status()).toBe(201);
  const active = await readSignedState(machine);
  expect(active).toMatchObject({ slug, state: "active", seq: 0 });

  // A lead with no qualification for this system sees no stop button, and the server refuses her.
  const lead = await signIn(browser, "lead@demo.local");
  await lead.goto(`/systems/${systemId}`);
  await expect(lead.getByRole("heading", { name: /E2E stop/ })).toBeVisible();
  await expect(lead.getByRole("button", { name: "Halt system" })).toHaveCount(0);
  const refused = await lead.request.post("/trpc/systems.halt", { data: { systemId, reason: "A lead without authority tries" } });
  expect(refused.status()).toBe(403);
  expect(JSON.stringify(await refused.json())).toContain("you hold no qualification for this AI system");

  // With a qualification granting stop, she may.
  await qualifyReviewer(await userIdByEmail("lead@demo.local"), systemId, ["stop"]);
  await lead.reload();
  await lead.getByRole("button", { name: "Halt system" }).click();
  const dialog = lead.getByRole("dialog", { name: "Halt E2E stop?" });
  // A halt needs a reason; the dialog names the rule.
  await dialog.getByRole("button", { name: "Halt now" }).click();
  await expect(dialog).toContainText("reason must be at least 5 characters");
  const reason = "Refunds above the limit are being approved without review";
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Halt now" }).click();
  await expect(dialog).toBeHidden();

  const banner = lead.getByRole("region", { name: "E2E stop is halted" });
  await expect(banner).toContainText("Halted by Lena Fischer");
  await expect(banner).toContainText(reason);
  const seen = lead.getByRole("status", { name: "Seen by the AI system" });
  await expect(seen).toContainText(/Not seen yet by the AI system, \d+ s after the halt/);

  // The AI system polls its state with its API key and checks the signature and the sequence number.
  const halted = await readSignedState(machine);
  expect(halted).toMatchObject({ slug, state: "halted", reason, changedBy: "Lena Fischer", seq: 1 });
  expect(halted.seq).toBeGreaterThan(active.seq);
  await expect(seen).toContainText(/Halt seen by the AI system at .+ \(\d+ s after the halt\)/);

  // A reviewer sees the halt in the queue and on the review screen; holding stop for this system, he has the button too.
  const account = await createReviewer("Hal Tedd");
  await qualifyReviewer(account.id, systemId, ["review", "override", "stop"]);
  const reviewer = await signIn(browser, account.email, account.password);
  await reviewer.goto(`/queue?system=${slug}`);
  await expect(reviewer.getByRole("region", { name: "E2E stop is halted" })).toContainText(reason);
  await expect(reviewer.getByRole("button", { name: "Resume system" })).toBeVisible();
  await reviewer.getByRole("button", { name: "Claim next" }).click();
  await expect(reviewer).toHaveURL(/\/review\//);
  await expect(reviewer.getByRole("region", { name: "E2E stop is halted" })).toContainText("Halted by Lena Fischer");

  // An auditor sees it too, and has no stop button.
  const auditor = await signIn(browser, "auditor@demo.local");
  await auditor.goto(`/systems/${systemId}`);
  await expect(auditor.getByRole("region", { name: "E2E stop is halted" })).toBeVisible();
  await expect(auditor.getByRole("button", { name: /Resume system|Halt system/ })).toHaveCount(0);
  expect((await auditor.request.post("/trpc/systems.resume", { data: { systemId, reason: "an auditor tries" } })).status()).toBe(403);

  await lead.getByRole("button", { name: "Resume system" }).click();
  const resume = lead.getByRole("dialog", { name: "Resume E2E stop?" });
  await resume.getByLabel("Reason").fill("The gateway's limit check is fixed and tested");
  await resume.getByRole("button", { name: "Resume now" }).click();
  await expect(resume).toBeHidden();
  await expect(lead.getByRole("region", { name: "E2E stop is halted" })).toHaveCount(0);
  expect(await readSignedState(machine)).toMatchObject({ slug, state: "active", changedBy: "Lena Fischer", seq: 2 });
});
