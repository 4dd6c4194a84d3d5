import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addSystem, addUser, callerFor, escalationBody, qualify, testDeps } from "../../testing/fixtures";
import { decideAs } from "../../testing/operations";
import { startSmtpReceiver } from "../../testing/receivers";
import { receiveEscalation } from "../escalations/receive";
import type { UserSummary } from "../users/queries";
import { configureNotifications, defaultNotificationSettings, type NotificationSettings } from "./settings";
import { transportsFor } from "./transports";
import { runNotifications } from "./worker";

let t: Awaited<ReturnType<typeof testDeps>>;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let settings: NotificationSettings;
let systemId: string;
let ana: UserSummary;
let ben: UserSummary;
let lead: UserSummary;

const publicUrl = "https://countersign.example.com";
const reason = "The customer sent the courier's damage report after the decision was taken.";
const run = () => runNotifications(t.deps, settings, transportsFor(settings, true));
const mailTo = (user: UserSummary) => smtp.received.filter((mail) => mail.to.includes(user.email));

beforeEach(async () => {
  t = testDeps();
  smtp = await startSmtpReceiver();
  settings = { ...defaultNotificationSettings, publicUrl, smtpUrl: smtp.url };
  configureNotifications(t.deps.db, settings);
  systemId = (await addSystem(t.deps)).system.id;
  ana = await addUser(t.deps, "ana@example.com", ["reviewer"]);
  ben = await addUser(t.deps, "ben@example.com", ["reviewer"]);
  lead = await addUser(t.deps, "lena@example.com", ["lead"]);
  await qualify(t.deps, lead.id, systemId, { authority: ["override"] });
});

afterEach(() => smtp.close());

async function reopenedDecisionOf(reviewer: UserSummary) {
  const { id } = await receiveEscalation(t.deps, systemId, escalationBody());
  await decideAs(t, reviewer, id, "approved");
  await run();
  smtp.received.length = 0;
  await callerFor(t.deps, lead).reviews.reopen({ escalationId: id, reason });
  return id;
}

describe("a reviewer is told when their decision is reopened", () => {
  it("the reviewer of the superseded round hears it at once, with a link and without the AI system's content or the reason; nobody else does", async () => {
    await reopenedDecisionOf(ana);
    await run();
    expect(mailTo(ben)).toEqual([]);
    expect(mailTo(lead)).toEqual([]);
    const [mail, ...more] = mailTo(ana);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe("Countersign: A decision of yours was reopened (refund-triage)");
    expect(mail!.body).toMatch(/A decision you took on an escalation of refund-triage was reopened .* back in review as round 2/s);
    // A reviewer cannot read the audit trail: the link is the queue, where the escalation is back.
    expect(mail!.body).toContain(`Open: ${publicUrl}/queue`);
    for (const content of ["kettle", "refund of order", "Second refund request", "courier", "0.62"]) expect(mail!.body).not.toContain(content);
    await run();
    expect(mailTo(ana)).toHaveLength(1);
  });

  it("follows the reviewer's preference: switched off, nothing is sent; a team channel cannot hear it", async () => {
    await callerFor(t.deps, ana).notifications.setPreferences({ preferences: [{ trigger: "decision_reopened", channel: "off", cadence: "immediate" }] });
    await reopenedDecisionOf(ana);
    await run();
    expect(mailTo(ana)).toEqual([]);
    const admin = await addUser(t.deps, "ada@example.com", ["admin"]);
    await expect(
      callerFor(t.deps, admin).notifications.addTeamChannel({
        label: "#ops",
        kind: "slack",
        url: "https://hooks.slack.com/services/T0/B0/x",
        systemId: null,
        triggers: ["decision_reopened"] as never,
        cadence: "hourly",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/cannot hear what is told to one person/) });
  });

  it("an auditor or an admin cannot choose to hear it: it is told only to the people who decided", async () => {
    const auditor = await addUser(t.deps, "aud@example.com", ["auditor"]);
    await expect(
      callerFor(t.deps, auditor).notifications.setPreferences({ preferences: [{ trigger: "decision_reopened", channel: "email", cadence: "immediate" }] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
