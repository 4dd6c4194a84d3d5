import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { notificationTriggers, type NotificationTrigger } from "@countersign/shared/notifications";
import { write } from "../../lib/tx";
import { addSystem, addUser, callerFor, escalationBody, qualify, testDeps } from "../../testing/fixtures";
import { decideAs } from "../../testing/operations";
import { startSmtpReceiver } from "../../testing/receivers";
import { receiveEscalation } from "../escalations/receive";
import { appendOutbox } from "../outbox/append";
import type { UserSummary } from "../users/queries";
import { configureNotifications, defaultNotificationSettings, type NotificationSettings } from "./settings";
import { transportsFor } from "./transports";
import { runNotifications } from "./worker";
import { statement } from "../../lib/prepared";

let t: Awaited<ReturnType<typeof testDeps>>;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let settings: NotificationSettings;
let systemId: string;
let reviewer: UserSummary;
let lead: UserSummary;
let admin: UserSummary;

const publicUrl = "https://countersign.example.com";
const run = () => runNotifications(t.deps, settings, transportsFor(settings, true));
const mailTo = (user: UserSummary) => smtp.received.filter((mail) => mail.to.includes(user.email));

/** Everyone hears every trigger at once, so each test sees one message per fact. */
async function allImmediate(user: UserSummary) {
  const mine = await callerFor(t.deps, user).notifications.mine();
  await callerFor(t.deps, user).notifications.setPreferences({
    preferences: mine.preferences.map((p) => ({ trigger: p.trigger, channel: "email", cadence: "immediate" })),
  });
}

beforeEach(async () => {
  t = testDeps();
  smtp = await startSmtpReceiver();
  settings = { ...defaultNotificationSettings, publicUrl, smtpUrl: smtp.url };
  configureNotifications(t.deps.db, settings);
  systemId = (await addSystem(t.deps)).system.id;
  reviewer = await addUser(t.deps, "rea@example.com", ["reviewer"]);
  lead = await addUser(t.deps, "lena@example.com", ["lead"]);
  await qualify(t.deps, lead.id, systemId, { authority: ["override", "stop"] });
  admin = await addUser(t.deps, "ada@example.com", ["admin"]);
  for (const user of [reviewer, lead, admin]) await allImmediate(user);
});

afterEach(() => smtp.close());

describe("each trigger notifies its audience once, by email with a link into the workbench", () => {
  it("an urgent escalation waiting longer than N minutes tells the qualified reviewers, once, without its content", async () => {
    const unqualified = await addUser(t.deps, "uma@example.com", ["reviewer"], { qualified: false });
    const away = await addUser(t.deps, "vic@example.com", ["reviewer"]);
    await callerFor(t.deps, admin).users.setActive({ userId: away.id, active: false });
    await receiveEscalation(t.deps, systemId, escalationBody({ priority: "urgent", externalId: "order-1042" }));
    await receiveEscalation(t.deps, systemId, escalationBody({ priority: "high" }));
    await run();
    expect(smtp.received).toHaveLength(0);

    t.advance(16 * 60);
    await run();
    await run();
    // Only the qualified, active reviewer: not one without a qualification for the system, not a deactivated one, not the lead.
    expect(smtp.received.map((m) => m.to)).toEqual([[reviewer.email]]);
    expect(mailTo(unqualified)).toHaveLength(0);
    const [mail] = mailTo(reviewer);
    expect(mail!.subject).toBe("Countersign: An urgent escalation is waiting (refund-triage)");
    expect(mail!.body).toContain("An urgent escalation of refund-triage has waited 16 minutes for a reviewer (priority urgent, reason low_confidence).");
    expect(mail!.body).toContain(`Open: ${publicUrl}/queue`);
    expect(mail!.body).toContain("never takes a decision from a message");
    // No input, AI output, context, explanation or external id: only what the queue already shows.
    for (const secret of ["kettle", "refund\",", "39.9", "Second refund", "Confidence below", "order-1042"]) expect(mail!.body).not.toContain(secret);
  });

  it("a due date about to pass, and then passed, tells the qualified reviewers once each", async () => {
    await receiveEscalation(t.deps, systemId, escalationBody({ dueAt: new Date(t.deps.now() + 90 * 60_000).toISOString().replace("Z", "+00:00") }));
    await run();
    expect(smtp.received).toHaveLength(0);
    t.advance(31 * 60);
    await run();
    await run();
    expect(mailTo(reviewer).map((m) => m.subject)).toEqual(["Countersign: An escalation's due date is about to pass (refund-triage)"]);
    expect(mailTo(reviewer)[0]!.body).toContain("is due in 59 minutes, at 2026-11-22 10:30 UTC (priority normal, reason low_confidence)");
    t.advance(60 * 60);
    await run();
    await run();
    expect(mailTo(reviewer).map((m) => m.subject)).toEqual([
      "Countersign: An escalation's due date is about to pass (refund-triage)",
      "Countersign: An escalation's due date has passed (refund-triage)",
    ]);
  });

  it("a reopened round's own due date is told again, once", async () => {
    const { id } = await receiveEscalation(t.deps, systemId, escalationBody({ dueAt: new Date(t.deps.now() + 90 * 60_000).toISOString() }));
    t.advance(31 * 60);
    await run();
    await decideAs(t, reviewer, id, "approved");
    // Reopened 35 minutes after arrival: the new round is due 90 minutes after the reopening.
    await qualify(t.deps, lead.id, systemId, { authority: ["override", "stop"] });
    await callerFor(t.deps, lead).reviews.reopen({ escalationId: id, reason: "The customer disputes the refund amount." });
    await run();
    t.advance(31 * 60);
    await run();
    await run();
    expect(mailTo(reviewer).map((m) => m.subject).filter((subject) => subject.includes("due date"))).toEqual([
      "Countersign: An escalation's due date is about to pass (refund-triage)",
      "Countersign: An escalation's due date is about to pass (refund-triage)",
    ]);
  });

  it("a due date sent with an offset is compared as the instant it names", async () => {
    // 12:30+02:00 is 10:30 UTC: 90 minutes away at 09:00 UTC, though its text reads later.
    await receiveEscalation(t.deps, systemId, escalationBody({ dueAt: "2026-11-22T12:30:00+02:00" }));
    await run();
    expect(smtp.received).toHaveLength(0);
    t.advance(31 * 60);
    await run();
    expect(mailTo(reviewer).map((m) => m.subject)).toEqual(["Countersign: An escalation's due date is about to pass (refund-triage)"]);
  });

  it("halts and resumes, read from the outbox, tell the leads once; the webhooks' deliveredAt is left alone", async () => {
    await callerFor(t.deps, lead).systems.halt({ systemId, reason: "Refunds above the limit seen in production." });
    await run();
    t.advance(60);
    await callerFor(t.deps, lead).systems.resume({ systemId, reason: "Model rolled back." });
    await run();
    await run();
    expect(mailTo(lead).map((m) => m.subject)).toEqual([
      "Countersign: An AI system was halted (refund-triage)",
      "Countersign: An AI system was resumed (refund-triage)",
    ]);
    expect(mailTo(lead)[0]!.body).toContain(`Open: ${publicUrl}/systems/${systemId}`);
    // The halt's reason is a person's words: the message says only that stop was pressed.
    expect(mailTo(lead)[0]!.body).not.toContain("Refunds above");
    expect(mailTo(reviewer)).toHaveLength(0);
    expect(await statement(t.deps.db, "SELECT count(*) FROM outbox_events WHERE delivered_at IS NOT NULL").value()).toBe(0);
  });

  it("a drift alert and an expired escalation tell the leads; a disabled webhook endpoint tells the admins", async () => {
    await write(t.deps.db, async (tx) => {
      await appendOutbox(tx, t.deps.now(), { type: "verification_rate.drift_raised", systemId, payload: { alertId: "drift_1" } });
      await appendOutbox(tx, t.deps.now(), { type: "webhook_endpoint.disabled", systemId, payload: { endpointId: "wh_1", url: "https://hooks.example/secret" } });
      await appendOutbox(tx, t.deps.now(), { type: "escalation.decided", systemId, payload: {} });
      await appendOutbox(tx, t.deps.now(), { type: "escalation.expired", systemId, payload: { id: "esc_1" } });
    });
    await run();
    await run();
    // Both reach the lead in one pass: one message with the two facts.
    expect(mailTo(lead).map((m) => m.subject)).toEqual(["Countersign: 2 notifications"]);
    expect(mailTo(lead)[0]!.body).toContain("A drift alert was raised for refund-triage");
    expect(mailTo(lead)[0]!.body).toContain(`An escalation of refund-triage expired before anyone decided it.\n  Open: ${publicUrl}/escalations/esc_1`);
    expect(mailTo(admin).map((m) => m.subject)).toEqual(["Countersign: A webhook endpoint was disabled (refund-triage)"]);
    expect(mailTo(admin)[0]!.body).toContain(`${publicUrl}/admin/systems/${systemId}`);
    expect(mailTo(admin)[0]!.body).not.toContain("hooks.example");
    expect(mailTo(reviewer)).toHaveLength(0);
  });

  it("a dispute waiting tells the leads who can resolve it, once", async () => {
    const kyc = (await addSystem(t.deps, "kyc-check", { requiredVerifications: 2 })).system.id;
    await qualify(t.deps, lead.id, kyc, { authority: ["override"] });
    const other = await addUser(t.deps, "olaf@example.com", ["lead"]);
    await allImmediate(other);
    const ben = await addUser(t.deps, "ben@example.com", ["reviewer"]);
    const { id } = await receiveEscalation(t.deps, kyc, escalationBody());
    await decideAs(t, reviewer, id, "approved");
    await decideAs(t, ben, id, "rejected");
    await run();
    await run();
    expect(mailTo(lead).map((m) => m.subject)).toEqual(["Countersign: A dispute waits for a lead (kyc-check)"]);
    expect(mailTo(lead)[0]!.body).toContain(`${publicUrl}/disputes`);
    expect(mailTo(other)).toHaveLength(0);
  });

  it("a qualification about to expire tells only its holder, in the next daily digest by default", async () => {
    const soon = await addUser(t.deps, "sam@example.com", ["reviewer"], { qualified: false });
    await qualify(t.deps, soon.id, systemId, { days: 10 });
    await run();
    // By default this waits for the daily digest, at 07:00 UTC.
    expect(smtp.received).toHaveLength(0);
    t.advance(22 * 3600);
    await run();
    await run();
    expect(mailTo(soon).map((m) => m.subject)).toEqual(["Countersign: Your qualification is about to expire (refund-triage)"]);
    expect(mailTo(soon)[0]!.body).toContain("Your qualification for refund-triage expires in 9 days, at 2026-12-02 09:00 UTC");
    expect(smtp.received).toHaveLength(1);
  });

  it("the notifications page lists only the triggers one's roles hear", async () => {
    const triggersOf = async (user: UserSummary) => (await callerFor(t.deps, user).notifications.mine()).preferences.map((p) => p.trigger);
    expect(await triggersOf(reviewer)).toEqual(["urgent_waiting", "due_soon", "due_passed", "qualification_expiring", "decision_reopened"]);
    expect(await triggersOf(admin)).toEqual(["webhook_disabled"]);
    const auditor = await addUser(t.deps, "otto@example.com", ["auditor"]);
    expect(await triggersOf(auditor)).toEqual([]);
    expect(new Set<NotificationTrigger>([...(await triggersOf(reviewer)), ...(await triggersOf(lead)), ...(await triggersOf(admin))])).toEqual(
      new Set(notificationTriggers),
    );
  });

  it("a reviewer cannot choose a trigger their roles do not hear", async () => {
    await expect(
      callerFor(t.deps, reviewer).notifications.setPreferences({ preferences: [{ trigger: "webhook_disabled", channel: "email", cadence: "immediate" }] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/preferences.0.trigger: webhook_disabled is not something your roles hear/) });
  });
});
