import { describe, expect, it } from "vitest";
import type { Outcome } from "@countersign/shared/enums";
import { buildApp } from "../../app";
import { statement } from "../../lib/prepared";
import { addSystem, addUser, callerFor, escalationBody, qualify, testDeps } from "../../testing/fixtures";
import type { UserSummary } from "../users/queries";
import { verifyAuditLog } from "../../audit/verify";
import { attend } from "../../testing/operations";
import { receiveEscalation } from "../escalations/receive";
import { inOrder } from "../../lib/in-order";

async function twoPersonSetting() {
  const t = testDeps();
  const { system, key } = await addSystem(t.deps, "kyc-check", { requiredVerifications: 2 });
  const { id } = await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "kyc-7" }));
  const [ana, ben, cleo] = (await inOrder(["ana", "ben", "cleo"], (name) => addUser(t.deps, `${name}@example.com`, ["reviewer"]))) as [
    UserSummary,
    UserSummary,
    UserSummary,
  ];
  const lead = await addUser(t.deps, "lead@example.com", ["lead"]);
  const app = buildApp(t.deps);
  const rest = async () =>
    (await (await app.request(`/api/v1/escalations/${id}`, { headers: { authorization: `Bearer ${key}` } })).json()) as Record<string, any>;
  return { t, system, id, ana, ben, cleo, lead, rest };
}

let n = 0;
async function verifyAs(t: Awaited<ReturnType<typeof testDeps>>, reviewer: UserSummary, escalationId: string, outcome: Outcome, correctedOutput?: string) {
  const caller = callerFor(t.deps, reviewer);
  await caller.queue.claim({ escalationId });
  await attend(t, caller, escalationId, 30);
  n += 1;
  return caller.reviews.decide({
    escalationId,
    outcome,
    checklist: { "matches-request": outcome === "approved" ? "yes" : "no", "within-policy": "yes" },
    rationale: `Reviewer ${reviewer.name} looked at item ${n}: ${outcome} after comparing the document with the applicant record.`,
    ...(correctedOutput ? { correctedOutput } : {}),
  });
}

describe("the two-person rule (EU AI Act Art. 14(5))", () => {
  it("two agreeing verifications by different reviewers decide the escalation; REST lists both", async () => {
    const { t, id, ana, ben, rest } = await twoPersonSetting();
    const first = await verifyAs(t, ana, id, "approved");
    expect(first).toMatchObject({ status: "awaiting_verification", verificationsRecorded: 1, verificationsRequired: 2 });
    const row = await statement(t.deps.db, "SELECT status, lease_holder_id FROM escalations WHERE id = ?").get(id);
    expect(row).toEqual({ status: "queued", lease_holder_id: null });
    expect((await rest()).status).toBe("in_review");
    expect((await rest()).decision).toBeUndefined();

    const second = await verifyAs(t, ben, id, "approved");
    expect(second).toMatchObject({ status: "decided", verificationsRecorded: 2 });
    const resource = await rest();
    expect(resource.status).toBe("decided");
    expect(resource.decision).toMatchObject({ outcome: "approved", decidedBy: "ben" });
    expect(resource.decision.verifications.map((v: { decidedBy: string; outcome: string }) => [v.decidedBy, v.outcome])).toEqual([
      ["ana", "approved"],
      ["ben", "approved"],
    ]);
    expect(resource.decision.resolution).toBeUndefined();
    const actions = await statement(t.deps.db, "SELECT action FROM audit_log WHERE entity_id = ? AND action <> 'escalation.decision_fetched' ORDER BY seq").column<string>(id);
    expect(actions).toEqual(["escalation.received", "escalation.claimed", "escalation.verified", "escalation.claimed", "escalation.decided"]);
    expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
  });

  it("a reviewer cannot verify the same escalation twice: claim and claim-next pass it by", async () => {
    const { t, id, ana } = await twoPersonSetting();
    await verifyAs(t, ana, id, "approved");
    const caller = callerFor(t.deps, ana);
    await expect(caller.queue.claim({ escalationId: id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already verified this escalation/),
    });
    expect(await caller.queue.claimNext({})).toBeNull();
    const listed = await caller.queue.list({});
    expect(listed.rows[0]).toMatchObject({ id, verifiedByMe: true, status: "queued" });
  });

  it("the second reviewer's review view shows nothing of the first verification", async () => {
    const { t, id, ana, ben } = await twoPersonSetting();
    await verifyAs(t, ana, id, "approved");
    const caller = callerFor(t.deps, ben);
    await caller.queue.claim({ escalationId: id });
    const view = await caller.reviews.view({ escalationId: id });
    const text = JSON.stringify(view);
    expect(text).not.toContain("Reviewer ana");
    expect(text).not.toMatch(/"verifications"|"verificationsRecorded"|"decidedBy"|"outcome"/);
    expect(view.policy.requiredVerifications).toBe(2);
    expect(view.judgement).toBeNull();
  });

  it("disagreement goes to a lead, whose resolution decides it; REST lists verifications and the resolution", async () => {
    const { t, system, id, ana, ben, cleo, lead, rest } = await twoPersonSetting();
    await verifyAs(t, ana, id, "approved");
    const second = await verifyAs(t, ben, id, "rejected");
    expect(second).toMatchObject({ status: "disputed" });
    expect((await rest()).status).toBe("in_review");
    // Nobody else reviews it in the meantime, and it leaves the reviewers' queue.
    await expect(callerFor(t.deps, cleo).queue.claim({ escalationId: id })).rejects.toThrow(/waits for a lead's resolution/);
    expect(await callerFor(t.deps, cleo).queue.claimNext({})).toBeNull();
    expect((await callerFor(t.deps, cleo).queue.list({})).rows).toEqual([]);

    const leadCaller = callerFor(t.deps, lead);
    const disputes = await leadCaller.reviews.disputes();
    expect(disputes).toHaveLength(1);
    expect(disputes[0]!.verifications.map((v) => [v.reviewerName, v.outcome])).toEqual([
      ["ana", "approved"],
      ["ben", "rejected"],
    ]);
    const bens = disputes[0]!.verifications[1]!.id;
    await expect(callerFor(t.deps, ana).reviews.resolve({ escalationId: id, verificationId: bens, rationale: "I am only a reviewer here." })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await qualify(t.deps, lead.id, system.id, { authority: ["override"] });
    const resolved = await leadCaller.reviews.resolve({
      escalationId: id,
      verificationId: bens,
      rationale: "The document's MRZ check digit fails; the second reviewer is right.",
    });
    expect(resolved).toMatchObject({ status: "decided", outcome: "rejected" });
    expect(await leadCaller.reviews.disputes()).toEqual([]);
    const resource = await rest();
    expect(resource.decision).toMatchObject({
      outcome: "rejected",
      decidedBy: "lead",
      rationale: "The document's MRZ check digit fails; the second reviewer is right.",
      resolution: { outcome: "rejected", resolvedBy: "lead" },
    });
    expect(resource.decision.verifications).toHaveLength(2);
    const actions = await statement(t.deps.db, "SELECT action FROM audit_log WHERE entity_id = ? AND action <> 'escalation.decision_fetched' ORDER BY seq").column<string>(id);
    expect(actions.slice(-2)).toEqual(["escalation.disputed", "escalation.resolved"]);
    await expect(leadCaller.reviews.resolve({ escalationId: id, verificationId: bens, rationale: "Changing my mind afterwards." })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("two modifications with different corrected outputs are a disagreement", async () => {
    const { t, id, ana, ben } = await twoPersonSetting();
    await verifyAs(t, ana, id, "modified", '{"decision":"refund","amount":10}');
    await expect(verifyAs(t, ben, id, "modified", '{"decision":"refund","amount":20}')).resolves.toMatchObject({ status: "disputed" });
  });

  it("a lead cannot resolve an escalation that is not disputed", async () => {
    const { t, id, lead } = await twoPersonSetting();
    await expect(
      callerFor(t.deps, lead).reviews.resolve({ escalationId: id, verificationId: "ver_none", rationale: "Nothing to resolve here at all." }),
    ).rejects.toThrow(/not awaiting a resolution/);
  });

  it("requiredVerifications is 1 to 3", async () => {
    const t = testDeps();
    const admin = callerFor(t.deps, await addUser(t.deps, "admin@example.com", ["admin"]));
    const create = (requiredVerifications: number) =>
      admin.systems.create({
        slug: `s-${requiredVerifications}`,
        name: "S",
        oversightMode: "HITL",
        policy: { checklist: [{ id: "ok", text: "Looks right" }], requiredVerifications },
      });
    await expect(create(4)).rejects.toThrow(/Independent verifications required must be 1, 2 or 3/);
    await expect(create(0)).rejects.toThrow(/Independent verifications required must be 1, 2 or 3/);
    await expect(create(2)).resolves.toMatchObject({ policy: { requiredVerifications: 2 } });
  });
});
