import { describe, expect, it } from "vitest";
import type { Outcome } from "@countersign/shared/enums";
import { buildApp } from "../../app";
import { attend } from "../../testing/operations";
import { statement } from "../../lib/prepared";
import { addSystem, addUser, callerFor, escalationBody, qualify, testDeps } from "../../testing/fixtures";
import type { UserSummary } from "../users/queries";
import { verifyAuditLog } from "../../audit/verify";
import { receiveEscalation } from "../escalations/receive";
import { downloadPack, linesOf, readPack } from "../export/pack-testing";
import { verifyPack } from "../export/verify-pack";
import { inOrder } from "../../lib/in-order";

/** Two reviewers disagree on one KYC item; a lead may resolve it only with override authority for the system. */
async function disputed(first: Outcome = "approved", second: Outcome = "modified") {
  const t = testDeps();
  const { system, key } = await addSystem(t.deps, "kyc-check", { requiredVerifications: 2 });
  const { id } = await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "kyc-9" }));
  const [ana, ben] = (await inOrder(["ana", "ben"], (name) => addUser(t.deps, `${name}@example.com`, ["reviewer"]))) as [UserSummary, UserSummary];
  const lead = await addUser(t.deps, "lena@example.com", ["lead"]);
  const auditor = await addUser(t.deps, "audit@example.com", ["auditor"]);
  let n = 0;
  const verify = async (reviewer: UserSummary, outcome: Outcome) => {
    const caller = callerFor(t.deps, reviewer);
    await caller.queue.claim({ escalationId: id });
    await attend(t, caller, id, 30);
    n += 1;
    return caller.reviews.decide({
      escalationId: id,
      outcome,
      checklist: { "matches-request": outcome === "approved" ? "yes" : "no", "within-policy": "yes" },
      rationale: `Reviewer ${reviewer.name} compared item ${n} with the applicant record and chose ${outcome} for it.`,
      ...(outcome === "modified" ? { correctedOutput: `{"decision":"manual_check","by":"${reviewer.name}"}` } : {}),
    });
  };
  await verify(ana, first);
  await expect(verify(ben, second)).resolves.toMatchObject({ status: "disputed" });
  const app = buildApp(t.deps);
  const rest = async () =>
    (await (await app.request(`/api/v1/escalations/${id}`, { headers: { authorization: `Bearer ${key}` } })).json()) as Record<string, any>;
  const verifications = (await callerFor(t.deps, lead).reviews.disputes())[0]!.verifications;
  return { t, system, id, ana, ben, lead, auditor, rest, verifications };
}

describe("resolving a two-person disagreement", () => {
  it("a lead with no qualification for the system cannot resolve it, and is told why", async () => {
    const { t, id, lead, verifications } = await disputed();
    const caller = callerFor(t.deps, lead);
    const [listed] = await caller.reviews.disputes();
    expect(listed!.mayResolve).toMatchObject({ allowed: false, why: expect.stringMatching(/no qualification for this AI system/) });
    const attempt = { escalationId: id, verificationId: verifications[0]!.id, rationale: "I simply prefer the first reviewer's reading." };
    await expect(caller.reviews.resolve(attempt)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/you cannot resolve this dispute: you hold no qualification for this AI system/),
    });
    await expect(caller.reviews.takeUpDispute({ escalationId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a qualification that grants only stop is not enough: resolving needs the override authority", async () => {
    const { t, system, id, lead, verifications } = await disputed();
    await qualify(t.deps, lead.id, system.id, { authority: ["stop"] });
    await expect(
      callerFor(t.deps, lead).reviews.resolve({ escalationId: id, verificationId: verifications[0]!.id, rationale: "Adopting the first verification here." }),
    ).rejects.toThrow(/does not grant the override authority \(it grants stop\)/);
  });

  it("cannot take effect with an outcome no verifier chose: a resolution adopts a recorded verification", async () => {
    const { t, system, id, lead } = await disputed();
    await qualify(t.deps, lead.id, system.id, { authority: ["override"] });
    const caller = callerFor(t.deps, lead);
    await expect(
      caller.reviews.resolve({ escalationId: id, outcome: "rejected", rationale: "Neither of you, I reject it myself." } as never),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.reviews.resolve({ escalationId: id, verificationId: "ver_elsewhere", rationale: "Adopting something that is not here." })).rejects.toThrow(
      /adopts one of this escalation's recorded verifications/,
    );
  });

  it("adopting a modification takes its outcome and corrected output; REST, timeline, trail and proof pack name the resolver and the qualification", async () => {
    const { t, system, id, ben, lead, auditor, rest, verifications } = await disputed("approved", "modified");
    const qualification = await qualify(t.deps, lead.id, system.id, { authority: ["override", "stop"] });
    const caller = callerFor(t.deps, lead);
    expect((await caller.reviews.disputes())[0]!.mayResolve).toMatchObject({ allowed: true, qualificationId: qualification.id });
    const bens = verifications.find((v) => v.reviewerName === ben.name)!;
    const rationale = "The address on the utility bill differs from the application; Ben's manual check is the right course.";
    await expect(caller.reviews.resolve({ escalationId: id, verificationId: bens.id, rationale })).resolves.toMatchObject({
      status: "decided",
      outcome: "modified",
    });

    const resource = await rest();
    expect(resource.decision).toMatchObject({
      outcome: "modified",
      finalOutput: { decision: "manual_check", by: "ben" },
      decidedBy: "lena",
      resolution: {
        outcome: "modified",
        resolvedBy: "lena",
        basis: "adopted",
        qualification: { id: qualification.id, authority: ["override", "stop"], training: "Oversight training for this AI system" },
      },
    });

    const timeline = await callerFor(t.deps, auditor).audit.timeline({ escalationId: id });
    expect(timeline.findLast((entry) => entry.action !== "escalation.decision_fetched")).toMatchObject({
      action: "escalation.resolved",
      actorName: "lena",
      payload: { basis: "adopted", adoptedVerificationId: bens.id, outcome: "modified", qualificationId: qualification.id },
    });

    const trail = await callerFor(t.deps, auditor).audit.trail({ query: id });
    expect(trail.matches[0]!.resolution).toMatchObject({
      leadName: "lena",
      basis: "adopted",
      verificationId: bens.id,
      qualification: { id: qualification.id, authority: ["override", "stop"] },
    });

    t.advance(60);
    const pack = await downloadPack(t, auditor, "system=kyc-check&from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z");
    await expect(verifyPack(pack)).resolves.toMatchObject({ ok: true });
    const files = await readPack(pack);
    const [line] = linesOf(files.get("resolutions.jsonl")!).map((l) => JSON.parse(l));
    expect(line).toMatchObject({
      resolverName: "lena",
      basis: "adopted",
      verificationId: bens.id,
      outcome: "modified",
      qualification: { id: qualification.id, authority: ["override", "stop"] },
    });
    expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
  });

  it("someone who verified the escalation cannot resolve it alone, even as a lead with override", async () => {
    const t = testDeps();
    const { system } = await addSystem(t.deps, "kyc-check", { requiredVerifications: 2 });
    const { id } = await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "kyc-10" }));
    const both = await addUser(t.deps, "lead-reviewer@example.com", ["reviewer", "lead"]);
    const ben = await addUser(t.deps, "ben@example.com", ["reviewer"]);
    for (const [user, outcome] of [
      [both, "approved"],
      [ben, "rejected"],
    ] as const) {
      const caller = callerFor(t.deps, user);
      await caller.queue.claim({ escalationId: id });
      await attend(t, caller, id, 30);
      await caller.reviews.decide({
        escalationId: id,
        outcome,
        checklist: { "matches-request": "yes", "within-policy": "yes" },
        rationale: `${user.name} checked the passport against the applicant record and decided ${outcome} here.`,
        });
    }
    const caller = callerFor(t.deps, both);
    const [dispute] = await caller.reviews.disputes();
    expect(dispute!.mayResolve).toMatchObject({ allowed: false, why: expect.stringMatching(/you verified this escalation yourself/) });
    await expect(
      caller.reviews.resolve({ escalationId: id, verificationId: dispute!.verifications[0]!.id, rationale: "My own first reading was right after all." }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/you verified this escalation yourself/) });
    await expect(caller.reviews.takeUpDispute({ escalationId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a resolver who takes a dispute up and lets go hands it back to the disputes; a reviewer still cannot claim it", async () => {
    const { t, system, id, lead } = await disputed();
    await qualify(t.deps, lead.id, system.id, { authority: ["override"] });
    const caller = callerFor(t.deps, lead);
    await caller.reviews.takeUpDispute({ escalationId: id });
    expect((await caller.reviews.disputes())[0]).toMatchObject({ takenUpByMe: true, takenUpBySomeoneElse: false });
    await caller.queue.release({ escalationId: id });
    expect((await caller.reviews.disputes())[0]).toMatchObject({ id, takenUpByMe: false });
    const cleo = await addUser(t.deps, "cleo@example.com", ["reviewer"]);
    await expect(callerFor(t.deps, cleo).queue.claim({ escalationId: id })).rejects.toThrow(/waits for a lead's resolution/);
  });

  it("a resolver's own verification meets decide's rules and counts as one more verification", async () => {
    const { t, system, id, lead, ana, auditor, rest } = await disputed("approved", "rejected");
    const qualification = await qualify(t.deps, lead.id, system.id, { authority: ["override"] });
    const caller = callerFor(t.deps, lead);
    // Decide is only for the holder of a lease: taking the dispute up gives the resolver one.
    const own = {
      escalationId: id,
      outcome: "modified" as const,
      checklist: { "matches-request": "no" as const, "within-policy": "yes" as const },
      rationale: "Neither reading holds: the applicant's second document must be checked by phone before anything is sent.",
      correctedOutput: '{"decision":"call_applicant"}',
    };
    await expect(caller.reviews.decide(own)).rejects.toThrow(/claim it first/);
    await caller.reviews.takeUpDispute({ escalationId: id });
    // The same rules as any verification: the checklist in full, a real rationale.
    await expect(caller.reviews.decide({ ...own, checklist: { "matches-request": "no" } })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/answer every checklist item/),
    });
    await expect(caller.reviews.decide({ ...own, rationale: "too short" })).rejects.toThrow(/rationale needs at least 40 characters/);
    // Nobody else adopts a verification while the resolver is verifying.
    const other = await addUser(t.deps, "omar@example.com", ["lead"]);
    await qualify(t.deps, other.id, system.id, { authority: ["override"] });
    const anas = (await caller.reviews.disputes())[0]!.verifications[0]!.id;
    await expect(
      callerFor(t.deps, other).reviews.resolve({ escalationId: id, verificationId: anas, rationale: "Adopting the first verification now." }),
    ).rejects.toThrow(/is recording their own verification/);
    await attend(t, caller, id, 30);
    await expect(caller.reviews.decide(own)).resolves.toMatchObject({ status: "decided", verificationsRecorded: 3 });

    const resource = await rest();
    expect(resource.decision).toMatchObject({
      outcome: "modified",
      finalOutput: { decision: "call_applicant" },
      decidedBy: "lena",
      resolution: { resolvedBy: "lena", basis: "own_verification", qualification: { id: qualification.id } },
    });
    expect(resource.decision.verifications.map((v: { decidedBy: string }) => v.decidedBy)).toEqual([ana.name, "ben", "lena"]);
    const actions = await statement(t.deps.db, "SELECT action FROM audit_log WHERE entity_id = ? AND action <> 'escalation.decision_fetched' ORDER BY seq").column<string>(id);
    expect(actions.slice(-3)).toEqual(["escalation.disputed", "escalation.claimed", "escalation.resolved"]);
    expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
    t.advance(60);
    const pack = await downloadPack(t, auditor, "system=kyc-check&from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z");
    expect(linesOf((await readPack(pack)).get("resolutions.jsonl")!).map((l) => JSON.parse(l))).toMatchObject([{ basis: "own_verification", resolverName: "lena" }]);
    await expect(verifyPack(pack)).resolves.toMatchObject({ ok: true });
  });
});
