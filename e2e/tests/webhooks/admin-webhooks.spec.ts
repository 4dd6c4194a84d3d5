import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { createTestSystem, signedInApi, trpcMutation } from "../../support/api";
import { signIn } from "../../support/ui";

/** A receiver on this machine, as an AI system would run one: it keeps what arrives and answers 204. */
async function receiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(204).end();
    });
  });
  const { port } = await new Promise<AddressInfo>((ready) => server.listen(0, "127.0.0.1", () => ready(server.address() as AddressInfo)));
  return { url: `http://127.0.0.1:${port}/countersign-events`, received, close: () => new Promise<void>((done) => server.close(() => done())) };
}

test("an admin adds a webhook endpoint, sees its secret once, sees the delivery in the log and redelivers it", async ({ browser }) => {
  const hooks = await receiver();
  try {
    const { id: systemId } = await createTestSystem("hooks");
    const admin = await signIn(browser, "admin@demo.local");
    await admin.goto(`/admin/systems/${systemId}`);
    await admin.getByRole("tab", { name: "Webhooks" }).click();
    await expect(admin.getByText("No webhook endpoints yet")).toBeVisible();

    const form = admin.getByRole("form", { name: "Add webhook endpoint" });
    await form.getByLabel("Endpoint URL").fill(hooks.url);
    await form.getByLabel("escalation.decided").uncheck();
    await form.getByLabel("system.halted").check();
    await form.getByRole("button", { name: "Add endpoint" }).click();

    const dialog = admin.getByRole("dialog", { name: "Webhook signing secret" });
    const secret = await dialog.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(dialog).toBeHidden();
    const endpoint = admin.getByRole("region", { name: `Webhook endpoint ${hooks.url}` });
    await expect(endpoint).toContainText("active");
    expect(await admin.content()).not.toContain(secret);

    // Something happens that the endpoint subscribed to: a halt.
    const api = await signedInApi("admin@demo.local");
    await trpcMutation(api, "systems.halt", { systemId, reason: "End-to-end test of the webhook delivery log." });
    await api.dispose();

    const log = endpoint.getByRole("table", { name: "Delivery log" });
    const firstRow = log.getByRole("row").filter({ hasText: "system.halted" }).first();
    await expect(firstRow).toContainText("204", { timeout: 20_000 });
    expect(hooks.received).toHaveLength(1);
    const first = hooks.received[0]!;
    const headers = { "webhook-id": String(first.headers["webhook-id"]), "webhook-timestamp": String(first.headers["webhook-timestamp"]), "webhook-signature": String(first.headers["webhook-signature"]) };
    expect(new Webhook(secret).verify(first.body, headers)).toMatchObject({ type: "system.halted", data: { state: "halted" } });

    await firstRow.getByRole("button", { name: /Redeliver system.halted/ }).click();
    await expect(log.getByRole("row").filter({ hasText: "system.halted" })).toHaveCount(2, { timeout: 20_000 });
    await expect.poll(() => hooks.received.length).toBe(2);
    expect(hooks.received[1]!.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
  } finally {
    await hooks.close();
  }
});
