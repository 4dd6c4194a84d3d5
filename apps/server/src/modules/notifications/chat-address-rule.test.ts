import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { startChatReceiver } from "../../testing/receivers";
import { receiveEscalation } from "../escalations/receive";
import type { UserSummary } from "../users/queries";
import { configureNotifications, defaultNotificationSettings, type NotificationSettings } from "./settings";
import { transportsFor } from "./transports";
import { runNotifications } from "./worker";

/**
 * A chat webhook is a webhook: the AI systems' webhooks' address rule (SSRF) applies to it, at
 * registration and again at each delivery, unless COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE=1.
 */
let t: Awaited<ReturnType<typeof testDeps>>;
let chat: Awaited<ReturnType<typeof startChatReceiver>>;
let settings: NotificationSettings;
let systemId: string;
let reviewer: UserSummary;
let admin: UserSummary;

beforeEach(async () => {
  t = testDeps();
  chat = await startChatReceiver();
  settings = { ...defaultNotificationSettings, publicUrl: "https://countersign.example.com", allowHttpChat: true };
  configureNotifications(t.deps.db, settings);
  systemId = (await addSystem(t.deps)).system.id;
  reviewer = await addUser(t.deps, "rea@example.com", ["reviewer"]);
  admin = await addUser(t.deps, "ada@example.com", ["admin"]);
});

afterEach(() => chat.close());

const privateRule = /url must not reach a private, loopback, link-local, unique-local, CGNAT or unspecified address \(set COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE=1/;

describe("chat webhooks and the server's own network", () => {
  it("a personal chat webhook on a loopback, private or link-local address, or a name resolving to one, is refused naming url and the rule", async () => {
    const caller = callerFor(t.deps, reviewer);
    for (const url of ["https://127.0.0.1/hooks/x", "https://10.1.2.3/x", "https://169.254.169.254/latest/meta-data", "https://[::1]/x", "https://localhost/x"]) {
      const refused = caller.notifications.setPersonalChat({ kind: "slack", url });
      await expect(refused, url).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(privateRule) });
    }
    expect(await caller.notifications.mine()).toMatchObject({ personalChat: null });
  });

  it("a team channel on a private address is refused too; allowed, it is accepted", async () => {
    const add = () =>
      callerFor(t.deps, admin).notifications.addTeamChannel({ label: "#ops", kind: "teams", url: "https://192.168.1.20/webhook", systemId: null, triggers: ["drift_raised"], cadence: "hourly" });
    await expect(add()).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(privateRule) });
    t.deps.allowPrivateWebhookUrls = true;
    await expect(add()).resolves.toMatchObject({ id: expect.stringMatching(/^chat_/) });
  });

  it("is checked again at each delivery: a webhook registered while private addresses were allowed is not posted to once they are not", async () => {
    t.deps.allowPrivateWebhookUrls = true;
    const caller = callerFor(t.deps, reviewer);
    await caller.notifications.setPersonalChat({ kind: "slack", url: `${chat.url}/services/T0/B0/token-wxyz` });
    await caller.notifications.setPreferences({ preferences: [{ trigger: "urgent_waiting", channel: "chat", cadence: "immediate" }] });
    await receiveEscalation(t.deps, systemId, escalationBody({ priority: "urgent" }));
    t.advance(20 * 60);

    await runNotifications(t.deps, settings, transportsFor(settings, false));
    expect(chat.received).toHaveLength(0);
    const health = await callerFor(t.deps, admin).notifications.health();
    expect(health.troubled).toMatchObject([{ channel: "chat", status: "pending", lastError: expect.stringMatching(/refused: 127\.0\.0\.1 is not a public address/) }]);

    t.advance(120);
    await runNotifications(t.deps, settings, transportsFor(settings, true));
    expect(chat.received).toHaveLength(1);
  });
});
