import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testEngine } from "../../db/pg/test-database";
import type { Deps } from "../../lib/context";
import { addSystem, addUser, callerFor, escalationBody, reopenDb, testDeps } from "../../testing/fixtures";
import { startChatReceiver, startSmtpReceiver } from "../../testing/receivers";
import { verifyAuditLog } from "../../audit/verify";
import { receiveEscalation } from "../escalations/receive";
import type { UserSummary } from "../users/queries";
import { maxAttempts } from "./deliver";
import { configureNotifications, defaultNotificationSettings, type NotificationSettings } from "./settings";
import { transportsFor } from "./transports";
import { runNotifications } from "./worker";
import { statement } from "../../lib/prepared";

let t: Awaited<ReturnType<typeof testDeps>>;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let chat: Awaited<ReturnType<typeof startChatReceiver>>;
let settings: NotificationSettings;
let systemId: string;
let reviewer: UserSummary;
let admin: UserSummary;

const publicUrl = "https://countersign.example.com";
const run = (deps: Deps = t.deps) => runNotifications(deps, settings, transportsFor(settings, true));
const urgent = () => receiveEscalation(t.deps, systemId, escalationBody({ priority: "urgent" }));
const auditActions = async () => await statement(t.deps.db, "SELECT action, payload FROM audit_log WHERE action LIKE 'notification%' OR action LIKE 'chat_webhook%' ORDER BY seq").all() as { action: string; payload: string }[];

beforeEach(async () => {
  t = testDeps();
  // The receivers listen on loopback, which the webhooks' address rule refuses unless allowed.
  t.deps.allowPrivateWebhookUrls = true;
  smtp = await startSmtpReceiver();
  chat = await startChatReceiver();
  settings = { ...defaultNotificationSettings, publicUrl, smtpUrl: smtp.url, allowHttpChat: true };
  configureNotifications(t.deps.db, settings);
  systemId = (await addSystem(t.deps)).system.id;
  reviewer = await addUser(t.deps, "rea@example.com", ["reviewer"]);
  admin = await addUser(t.deps, "ada@example.com", ["admin"]);
});

afterEach(async () => {
  await smtp.close();
  await chat.close();
});

describe("preferences", () => {
  it("a trigger switched off is not sent; switched to chat it goes to one's own chat webhook, whose URL is never shown back", async () => {
    const caller = callerFor(t.deps, reviewer);
    await caller.notifications.setPreferences({ preferences: [{ trigger: "urgent_waiting", channel: "off", cadence: "immediate" }] });
    await urgent();
    t.advance(20 * 60);
    await run();
    expect(smtp.received).toHaveLength(0);

    const set = await caller.notifications.setPersonalChat({ kind: "slack", url: `${chat.url}/services/T0/B0/secret-token-abcd` });
    expect(set?.urlHint).toBe(`${new URL(chat.url).host}/…abcd`);
    expect(JSON.stringify(await caller.notifications.mine())).not.toContain("secret-token");
    await caller.notifications.setPreferences({ preferences: [{ trigger: "urgent_waiting", channel: "chat", cadence: "immediate" }] });
    await urgent();
    t.advance(20 * 60);
    await run();
    expect(smtp.received).toHaveLength(0);
    expect(chat.received).toHaveLength(1);
    expect(chat.received[0]!.path).toBe("/services/T0/B0/secret-token-abcd");
    expect(chat.received[0]!.body.text).toContain(`An urgent escalation of refund-triage has waited 20 minutes`);
    expect(chat.received[0]!.body.text).toContain(`Open: ${publicUrl}/queue`);

    const actions = await auditActions();
    expect(actions.map((a) => a.action)).toEqual(["notification_preferences.changed", "chat_webhook.added", "notification_preferences.changed"]);
    expect(actions.map((a) => a.payload).join()).not.toContain("secret-token");
    expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
  });

  it("an hourly digest gathers several facts into one message at the full hour", async () => {
    await callerFor(t.deps, reviewer).notifications.setPreferences({ preferences: [{ trigger: "urgent_waiting", channel: "email", cadence: "hourly" }] });
    await urgent();
    t.advance(20 * 60);
    await run();
    await urgent();
    t.advance(20 * 60);
    await run();
    expect(smtp.received).toHaveLength(0);
    t.advance(20 * 60); // 10:00 UTC
    await run();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.subject).toBe("Countersign: 2 notifications");
    expect(smtp.received[0]!.body.match(/An urgent escalation of refund-triage has waited/g)).toHaveLength(2);
  });

  it("without COUNTERSIGN_PUBLIC_URL the message names the page and says links need it", async () => {
    settings = { ...settings, publicUrl: undefined };
    await urgent();
    t.advance(20 * 60);
    await run();
    expect(smtp.received[0]!.body).toContain("Open: /queue");
    expect(smtp.received[0]!.body).toContain("Links need COUNTERSIGN_PUBLIC_URL");
  });
});

describe("delivery", () => {
  it("a fact is notified once, also across a restart of the server on the same database", async () => {
    await urgent();
    t.advance(20 * 60);
    await run();
    expect(smtp.received).toHaveLength(1);
    const restarted: Deps = { db: reopenDb(t.deps.db, t.path), now: t.deps.now };
    configureNotifications(restarted.db, settings);
    await run(restarted);
    t.advance(60 * 60);
    await run(restarted);
    expect(smtp.received).toHaveLength(1);
    restarted.db.$client.close();
  });

  // Several server processes share one database only on PostgreSQL (see webhooks/two-senders.test.ts).
  it.skipIf(testEngine() !== "postgres")("two server processes on one database send each message once, however their passes overlap", async () => {
    await addUser(t.deps, "rob@example.com", ["reviewer"]);
    for (let i = 0; i < 3; i++) await urgent();
    t.advance(20 * 60);
    const other: Deps = { db: reopenDb(t.deps.db, t.path), now: t.deps.now };
    configureNotifications(other.db, settings);
    await Promise.all([run(), run(other), run(), run(other)]);
    await Promise.all([run(), run(other)]);
    expect(smtp.received.flatMap((mail) => mail.to).sort()).toEqual(["rea@example.com", "rob@example.com"]);
    other.db.$client.close();
  });

  it("a failing SMTP server is retried until the message goes through; meanwhile admins see the failure", async () => {
    smtp.refuseNext(2);
    await urgent();
    t.advance(20 * 60);
    await run();
    expect(smtp.received).toHaveLength(0);
    const health = await callerFor(t.deps, admin).notifications.health();
    expect(health.troubled).toMatchObject([{ recipientKey: `user:${reviewer.id}`, recipientName: "rea", status: "pending", attempts: 1, lastError: expect.stringMatching(/451/) }]);
    await run(); // the retry waits a minute
    expect(smtp.received).toHaveLength(0);
    t.advance(60);
    await run();
    t.advance(120);
    await run();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.body).toContain(`Open: ${publicUrl}/queue`);
    expect((await callerFor(t.deps, admin).notifications.health()).troubled).toEqual([]);
  });

  it(`a message still failing after ${maxAttempts} attempts is given up and stays listed as failed`, async () => {
    smtp.refuseNext(100);
    await urgent();
    t.advance(20 * 60);
    for (let i = 0; i < maxAttempts + 2; i++) {
      await run();
      t.advance(3600);
    }
    const health = await callerFor(t.deps, admin).notifications.health();
    expect(health.troubled).toMatchObject([{ status: "failed", attempts: maxAttempts }]);
    expect(health.counts).toEqual({ sent: 0, pending: 0, failed: 1 });
  });
});

describe("team channels", () => {
  it("an admin connects a team's chat channel for chosen triggers; it hears them once, and its URL is a secret", async () => {
    const caller = callerFor(t.deps, admin);
    await caller.notifications.addTeamChannel({
      label: "#refund-oversight",
      kind: "slack",
      url: `${chat.url}/team-token-wxyz`,
      systemId,
      triggers: ["urgent_waiting"],
      cadence: "immediate",
    });
    const [channel] = await caller.notifications.teamChannels();
    expect(channel).toMatchObject({ label: "#refund-oversight", urlHint: `${new URL(chat.url).host}/…wxyz` });
    expect(JSON.stringify(channel)).not.toContain("team-token");
    await urgent();
    t.advance(20 * 60);
    await run();
    await run();
    expect(chat.received.map((r) => r.path)).toEqual(["/team-token-wxyz"]);
    expect(smtp.received).toHaveLength(1); // the reviewer's own email as well

    await caller.notifications.removeTeamChannel({ channelId: channel!.id });
    await urgent();
    t.advance(20 * 60);
    await run();
    expect(chat.received).toHaveLength(1);
    expect((await auditActions()).map((a) => a.action)).toEqual(["chat_webhook.added", "chat_webhook.removed"]);
  });

  it("a chat webhook must be https:// outside tests", async () => {
    configureNotifications(t.deps.db, { ...settings, allowHttpChat: false });
    await expect(callerFor(t.deps, reviewer).notifications.setPersonalChat({ kind: "slack", url: `${chat.url}/x` })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/url must start with https/),
    });
  });

  it("a reviewer or a lead cannot connect a team channel or read delivery failures", async () => {
    for (const user of [reviewer, await addUser(t.deps, "lena@example.com", ["lead"])]) {
      const caller = callerFor(t.deps, user);
      await expect(
        caller.notifications.addTeamChannel({ label: "x", kind: "slack", url: "https://hooks.example/x", systemId: null, triggers: ["drift_raised"], cadence: "hourly" }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.notifications.health()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("a team channel cannot hear a person's qualification expiring", async () => {
    await expect(
      callerFor(t.deps, admin).notifications.addTeamChannel({
        label: "#all",
        kind: "teams",
        url: "https://example.webhook.office.com/x",
        systemId: null,
        // The type already refuses it; the server refuses it from any client.
        triggers: ["qualification_expiring"] as never,
        cadence: "daily",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/cannot hear what is told to one person: a person's qualification expiring/) });
  });
});
