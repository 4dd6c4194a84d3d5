import { describe, expect, it } from "vitest";
import type { Outcome } from "@countersign/shared/enums";
import { buildApp } from "../../app";
import { operator } from "../../lib/context";
import { unlimitedLimiterStore } from "../../lib/rate-limits";
import { statement } from "../../lib/prepared";
import { addSystem, addUser, callerFor, escalationBody, qualify, testDeps } from "../../testing/fixtures";
import { decideAs } from "../../testing/operations";
import { verifyAuditLog } from "../../audit/verify";
import { expireOverdue } from "../escalations/overdue";
import { queueHealth } from "../indicators/queue-health";
import { receiveEscalation } from "../escalations/receive";
import { addGoldItems } from "../gold/add-gold";
import { purgeExpired } from "../retention/purge";
import { haltSystem } from "../systems/halt";
import type { UserSummary } from "../users/queries";
import { inOrder } from "../../lib/in-order";

const reason = "The customer sent the courier's damage report after the decision: the refund was wrong.";

/** One system, two reviewers, a lead with override for it, and an auditor; `policy` as the case needs. */
async function setting(policy: Parameters<typeof addSystem>[2] = {}) {
  const t = testDeps();
  const { system, key } = await addSystem(t.deps, "refund-triage", policy);
  const [ana, ben, cleo] = (await inOrder(["ana", "ben", "cleo"], (name) => addUser(t.deps, `${name}@example.com`, ["reviewer"]))) as [UserSummary, UserSummary, UserSummary];
  const lead = await addUser(t.deps, "lena@example.com", ["lead"]);
  await qualify(t.deps, lead.id, system.id, { authority: ["override", "stop"] });
  const app = buildApp(t.deps, undefined, { limiterStore: unlimitedLimiterStore });
  const get = async (id: string, query = "") => {
    const res = await app.request(`/api/v1/escalations/${id}${query}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const escalate = async (overrides: Parameters<typeof escalationBody>[0] = {}) => (await receiveEscalation(t.deps, system.id, escalationBody(overrides))).id;
  const reopenAs = (user: UserSummary, escalationId: string, why = reason) => callerFor(t.deps, user).reviews.reopen({ escalationId, reason: why });
  const audit = (id: string) =>
    statement(t.deps.db, "SELECT action, payload FROM audit_log WHERE entity_type = 'escalation' AND entity_id = ? ORDER BY seq").all<{
      action: string;
      payload: string;
    }>(id);
  const events = async (id: string) =>
    (await statement(t.deps.db, "SELECT type, payload FROM outbox_events ORDER BY id").all<{ type: string; payload: string }>())
      .map((e) => ({ type: e.type, payload: JSON.parse(e.payload) as Record<string, any> }))
      .filter((e) => e.payload.id === id);
  return { t, system, key, ana, ben, cleo, lead, get, escalate, reopenAs, audit, events };
}

async function decided(s: Awaited<ReturnType<typeof setting>>, outcome: Outcome = "approved", by: UserSummary = s.ana) {
  const id = await s.escalate();
  await decideAs(s.t, by, id, outcome);
  return id;
}

describe("reopening a decision (Art. 14(4)(d))", () => {
  it("a lead with override reopens a decided escalation: back to the queue as round 2, the first decision kept as superseded, audited and announced", async () => {
    const s = await setting();
    const id = await decided(s, "approved");
    const before = (await s.get(id)).body;
    expect(before).toMatchObject({ status: "decided", round: 1, decision: { outcome: "approved" } });
    expect(before.earlierRounds).toBeUndefined();

    await expect(s.reopenAs(s.lead, id)).resolves.toMatchObject({ escalationId: id, round: 2, status: "queued" });

    const after = (await s.get(id)).body;
    expect(after).toMatchObject({ status: "queued", round: 2 });
    expect(after.decision).toBeUndefined();
    expect(after.earlierRounds).toEqual([
      { round: 1, decision: before.decision, supersededAt: new Date(s.t.deps.now()).toISOString(), reopenedBy: "lena", reason },
    ]);
    const reopened = (await s.audit(id)).find((e) => e.action === "escalation.reopened")!;
    expect(JSON.parse(reopened.payload)).toMatchObject({ round: 2, supersededRound: 1, supersededVerificationIds: [expect.stringMatching(/^ver_/)] });
    // The reason is kept in the record (and GET); the audit entry holds its hash, as for rationales.
    expect(reopened.payload).not.toContain("courier");
    expect((await s.events(id)).map((e) => e.type)).toEqual(["escalation.decided", "escalation.reopened"]);
    expect((await s.events(id))[1]!.payload).toEqual(after);
    expect(await verifyAuditLog(s.t.deps.db)).toMatchObject({ ok: true });
  });

  it("the new round is reviewed afresh by someone else; its decision is announced again and the history shows both rounds", async () => {
    const s = await setting();
    const id = await decided(s, "approved", s.ana);
    await s.get(id); // the AI system fetched the first decision
    await s.reopenAs(s.lead, id);
    // Whoever verified an earlier round cannot verify the new one.
    await expect(callerFor(s.t.deps, s.ana).queue.claim({ escalationId: id })).rejects.toThrow(/already verified this escalation/);
    await decideAs(s.t, s.ben, id, "rejected");

    const { body } = await s.get(id);
    expect(body).toMatchObject({ status: "decided", round: 2, decision: { outcome: "rejected", decidedBy: "ben", verifications: [{ decidedBy: "ben" }] } });
    expect(body.earlierRounds).toHaveLength(1);
    expect(body.earlierRounds[0]).toMatchObject({ round: 1, decision: { outcome: "approved", decidedBy: "ana" } });
    expect((await s.events(id)).map((e) => e.type)).toEqual(["escalation.decided", "escalation.reopened", "escalation.decided"]);
    // Each round's decision has its first fetch recorded, once: fetching again writes nothing.
    await s.get(id);
    await s.get(id);
    expect((await s.audit(id)).filter((e) => e.action === "escalation.decision_fetched")).toHaveLength(2);
  });

  it("the new round follows the same review policy: under the two-person rule it needs two new verifications", async () => {
    const s = await setting({ requiredVerifications: 2 });
    const id = await s.escalate();
    await decideAs(s.t, s.ana, id, "approved");
    await decideAs(s.t, s.ben, id, "approved");
    await s.reopenAs(s.lead, id);
    const dave = await addUser(s.t.deps, "dave@example.com", ["reviewer"]);
    // The first round's two verifications do not count towards the second.
    await expect(decideAs(s.t, s.cleo, id, "rejected")).resolves.toMatchObject({ status: "awaiting_verification", verificationsRecorded: 1 });
    expect((await s.get(id)).body).toMatchObject({ status: "in_review", round: 2 });
    await expect(decideAs(s.t, dave, id, "rejected")).resolves.toMatchObject({ status: "decided", verificationsRecorded: 2 });
    const { body } = await s.get(id);
    expect(body.decision.verifications.map((v: { decidedBy: string }) => v.decidedBy)).toEqual(["cleo", "dave"]);
    expect(body.earlierRounds[0].decision.verifications.map((v: { decidedBy: string }) => v.decidedBy)).toEqual(["ana", "ben"]);
  });

  it("a GET waiting on the reopened escalation wakes with the new round's decision", async () => {
    const s = await setting();
    const id = await decided(s);
    await s.reopenAs(s.lead, id);
    const waiting = s.get(id, "?wait=30");
    await new Promise((resolve) => setTimeout(resolve, 20));
    await decideAs(s.t, s.ben, id, "modified");
    const { body } = await waiting;
    expect(body).toMatchObject({ status: "decided", round: 2, decision: { outcome: "modified" } });
  });

  it("reopening twice: refused while the new round is open, possible again once it is decided (round 3)", async () => {
    const s = await setting();
    const id = await decided(s);
    await s.reopenAs(s.lead, id);
    await expect(s.reopenAs(s.lead, id)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/round 2 is still under review/) });
    await decideAs(s.t, s.ben, id, "rejected");
    await expect(s.reopenAs(s.lead, id, "The damage report turned out to be about another parcel entirely.")).resolves.toMatchObject({ round: 3 });
    await decideAs(s.t, s.cleo, id, "approved");
    const { body } = await s.get(id);
    expect(body).toMatchObject({ round: 3, decision: { outcome: "approved", decidedBy: "cleo" } });
    expect(body.earlierRounds.map((r: { round: number; decision: { outcome: string } }) => [r.round, r.decision.outcome])).toEqual([
      [1, "approved"],
      [2, "rejected"],
    ]);
  });

  it("a reopened round is due as long after its reopening as the AI system allowed the first round: not expired at once, counted past due by its own deadline", async () => {
    const s = await setting();
    const receivedAt = s.t.deps.now();
    const id = await s.escalate({ dueAt: new Date(receivedAt + 30 * 60_000).toISOString() });
    await decideAs(s.t, s.ana, id, "approved");
    s.t.advance(3600); // the first round's dueAt passed long ago
    await s.reopenAs(s.lead, id);
    const reopenedAt = s.t.deps.now();
    const roundDue = new Date(reopenedAt + 30 * 60_000).toISOString();
    const pastDue = async () => (await queueHealth(s.t.deps.db, s.t.deps.now(), 0, s.system.id)).pastDue;

    expect(await expireOverdue(s.t.deps)).toBe(0);
    const reopened = (await s.get(id)).body;
    expect(reopened).toMatchObject({ status: "queued", round: 2, dueAt: roundDue });
    expect(reopened.earlierRounds[0].dueAt).toBe(new Date(receivedAt + 30 * 60_000).toISOString());
    expect(await pastDue()).toBe(0);
    const entry = (await s.audit(id)).find((e) => e.action === "escalation.reopened")!;
    expect(JSON.parse(entry.payload)).toMatchObject({ dueAt: roundDue, previousDueAt: new Date(receivedAt + 30 * 60_000).toISOString() });

    s.t.advance(29 * 60);
    expect(await pastDue()).toBe(0);
    expect(await expireOverdue(s.t.deps)).toBe(0);
    s.t.advance(2 * 60);
    expect(await pastDue()).toBe(1);
    expect(await expireOverdue(s.t.deps)).toBe(1);
    expect((await s.get(id)).body).toMatchObject({ status: "expired", round: 2, dueAt: roundDue });
  });

  it("each later round keeps the same allowance; an escalation sent without a dueAt has none in any round", async () => {
    const s = await setting();
    const id = await s.escalate({ dueAt: new Date(s.t.deps.now() + 30 * 60_000).toISOString() });
    await decideAs(s.t, s.ana, id, "approved");
    s.t.advance(60);
    await s.reopenAs(s.lead, id);
    await decideAs(s.t, s.ben, id, "rejected");
    s.t.advance(7200);
    await s.reopenAs(s.lead, id);
    expect((await s.get(id)).body).toMatchObject({ round: 3, dueAt: new Date(s.t.deps.now() + 30 * 60_000).toISOString() });

    const undated = await decided(s, "approved", s.ana);
    await s.reopenAs(s.lead, undated);
    expect((await s.get(undated)).body.dueAt).toBeUndefined();
  });

  it("a round whose allowance was nothing (dueAt sent at its arrival) gets one lease of the system, not an instant expiry", async () => {
    const s = await setting({ leaseMinutes: 20 });
    const id = await s.escalate({ dueAt: new Date(s.t.deps.now()).toISOString() });
    await decideAs(s.t, s.ana, id, "approved");
    await s.reopenAs(s.lead, id);
    expect(await expireOverdue(s.t.deps)).toBe(0);
    expect((await s.get(id)).body).toMatchObject({ status: "queued", dueAt: new Date(s.t.deps.now() + 20 * 60_000).toISOString() });
  });

  it("an escalation of a halted system can be reopened: stopping the system and reversing its decisions go together", async () => {
    const s = await setting();
    const id = await decided(s);
    await haltSystem(s.t.deps, { type: "user", id: s.lead.id }, { systemId: s.system.id, reason: "Refunds above the policy limit in production." });
    await expect(s.reopenAs(s.lead, id)).resolves.toMatchObject({ round: 2 });
  });

  it("cannot reopen an escalation that is not decided, an expired one, a purged one or a gold item", async () => {
    const s = await setting({ retentionMonths: 6 });
    const open = await s.escalate();
    await expect(s.reopenAs(s.lead, open)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/still under review/) });

    const late = await s.escalate({ dueAt: new Date(s.t.deps.now() + 60_000).toISOString() });
    s.t.advance(120);
    await expireOverdue(s.t.deps);
    await expect(s.reopenAs(s.lead, late)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/expired undecided/) });

    const [gold] = await addGoldItems(s.t.deps, operator, s.system.id, [{ escalation: escalationBody({ externalId: "gold-1" }), expectedOutcome: "rejected" }]);
    const copy = (await statement(s.t.deps.db, "SELECT id, received_at AS receivedAt FROM escalations WHERE gold_item_id = ?").get<{ id: string; receivedAt: number }>(
      gold!.goldItemId,
    ))!;
    s.t.advance(Math.max(0, (copy.receivedAt - s.t.deps.now()) / 1000));
    await decideAs(s.t, s.ana, copy.id, "rejected");
    await expect(s.reopenAs(s.lead, copy.id)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/gold item/) });

    const old = await decided(s, "approved", s.ben);
    s.t.advance(200 * 86_400);
    await purgeExpired(s.t.deps, operator, { dryRun: false });
    await qualify(s.t.deps, s.lead.id, s.system.id, { authority: ["override"] });
    await expect(s.reopenAs(s.lead, old)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/purged/) });
  });

  it("needs a reason of at least 20 characters", async () => {
    const s = await setting();
    const id = await decided(s);
    await expect(s.reopenAs(s.lead, id, "wrong")).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/reason: at least 20 characters/) });
    await expect(s.reopenAs(s.lead, id, "                         x")).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("who cannot reopen a decision", () => {
  it("a reviewer cannot, not even their own decision", async () => {
    const s = await setting();
    const id = await decided(s, "approved", s.ana);
    await expect(s.reopenAs(s.ana, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await s.get(id)).body).toMatchObject({ status: "decided", round: 1 });
  });

  it("an auditor and an admin cannot", async () => {
    const s = await setting();
    const id = await decided(s);
    for (const role of ["auditor", "admin"] as const) {
      const user = await addUser(s.t.deps, `${role}@example.com`, [role]);
      await expect(s.reopenAs(user, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("a lead without a qualification granting override for the system cannot, and is told why", async () => {
    const s = await setting();
    const id = await decided(s);
    const other = await addUser(s.t.deps, "otto@example.com", ["lead"]);
    await expect(s.reopenAs(other, id)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/you cannot reopen this decision: you hold no qualification for this AI system/),
    });
    await qualify(s.t.deps, other.id, s.system.id, { authority: ["stop"] });
    await expect(s.reopenAs(other, id)).rejects.toThrow(/does not grant the override authority/);
    expect((await s.audit(id)).some((e) => e.action === "escalation.reopened")).toBe(false);
  });
});
