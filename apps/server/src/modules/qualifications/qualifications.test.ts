import { describe, expect, it } from "vitest";
import { statement } from "../../lib/prepared";
import { addSystem, addUser, callerFor, escalationBody, qualify, testDeps } from "../../testing/fixtures";
import { attend } from "../../testing/operations";
import { receiveEscalation } from "../escalations/receive";

const analysis = {
  outcome: "approved" as const,
  checklist: { "matches-request": "yes" as const, "within-policy": "yes" as const },
  rationale: "Photo confirms the damage; amount matches the order line exactly.",
};

async function setting() {
  const t = testDeps();
  const { system } = await addSystem(t.deps);
  const admin = await addUser(t.deps, "admin@example.com", ["admin"]);
  return { t, system, admin: callerFor(t.deps, admin) };
}

describe("reviewer qualifications (EU AI Act Art. 26(2))", () => {
  it("an admin records training, validity and authority; leads and auditors read them", async () => {
    const { t, system, admin } = await setting();
    const reviewer = await addUser(t.deps, "new@example.com", ["reviewer"], { qualified: false });
    const granted = await admin.qualifications.grant({
      userId: reviewer.id,
      systemId: system.id,
      training: "Refund policy course, 2026 edition",
      obtainedAt: "2026-11-01T00:00:00Z",
      expiresAt: "2027-11-01T00:00:00Z",
      authority: ["override", "review", "review"],
    });
    expect(granted.authority).toEqual(["review", "override"]);
    for (const role of ["lead", "auditor"] as const) {
      const reader = callerFor(t.deps, await addUser(t.deps, `${role}@example.com`, [role]));
      const rows = await reader.qualifications.list({ userId: reviewer.id });
      expect(rows).toEqual([
        expect.objectContaining({ userName: "new", systemSlug: "refund-triage", training: "Refund policy course, 2026 edition", status: "in_force" }),
      ]);
    }
    const actions = await statement(t.deps.db, "SELECT action, payload FROM audit_log WHERE entity_id = ?").all<{ action: string; payload: string }>(granted.id);
    expect(actions.map((a) => a.action)).toEqual(["qualification.granted"]);
    expect(actions[0]!.payload).not.toContain("Refund policy course");
  });

  it("a reviewer with no qualification for the system cannot claim it, one by one or next", async () => {
    const { t, system } = await setting();
    const { id } = await receiveEscalation(t.deps, system.id, escalationBody());
    const reviewer = callerFor(t.deps, await addUser(t.deps, "unqualified@example.com", ["reviewer"], { qualified: false }));
    await expect(reviewer.queue.claim({ escalationId: id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/no qualification for this AI system/),
    });
    await expect(reviewer.queue.claimNext({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reviewer.queue.claimNext({ system: "refund-triage" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("claims skip systems the reviewer is not qualified for", async () => {
    const { t, system } = await setting();
    const other = (await addSystem(t.deps, "kyc-check")).system;
    const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"], { qualified: false });
    await qualify(t.deps, reviewer.id, other.id);
    await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "refund-1", priority: "urgent" }));
    const kyc = await receiveEscalation(t.deps, other.id, escalationBody({ externalId: "kyc-1" }));
    const claim = await callerFor(t.deps, reviewer).queue.claimNext({});
    expect(claim?.escalationId).toBe(kyc.id);
  });

  it("an expired qualification stops claims, and one that expires mid-lease refuses the decision", async () => {
    const { t, system } = await setting();
    const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"], { qualified: false });
    await qualify(t.deps, reviewer.id, system.id, { days: 1 });
    const caller = callerFor(t.deps, reviewer);
    const first = (await receiveEscalation(t.deps, system.id, escalationBody())).id;
    t.advance(24 * 3600 - 60);
    await caller.queue.claim({ escalationId: first });
    t.advance(61);
    await expect(caller.reviews.decide({ escalationId: first, ...analysis })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/expired at .* must be renewed/),
    });
    const second = (await receiveEscalation(t.deps, system.id, escalationBody())).id;
    await expect(caller.queue.claim({ escalationId: second })).rejects.toMatchObject({ code: "FORBIDDEN", message: /expired/ });
  });

  it("a revoked qualification stops claims", async () => {
    const { t, system, admin } = await setting();
    const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"], { qualified: false });
    const { id: qualificationId } = await qualify(t.deps, reviewer.id, system.id);
    await admin.qualifications.revoke({ qualificationId, reason: "Left the refunds team" });
    const { id } = await receiveEscalation(t.deps, system.id, escalationBody());
    await expect(callerFor(t.deps, reviewer).queue.claim({ escalationId: id })).rejects.toMatchObject({ code: "FORBIDDEN", message: /revoked/ });
    const rows = await admin.qualifications.list({ userId: reviewer.id, includeInactive: true });
    expect(rows[0]).toMatchObject({ status: "revoked", revokeReason: "Left the refunds team", revokedByName: "admin" });
  });

  it("stores the qualification in force with each verification", async () => {
    const { t, system } = await setting();
    const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"], { qualified: false });
    const qualification = await qualify(t.deps, reviewer.id, system.id);
    const { id } = await receiveEscalation(t.deps, system.id, escalationBody());
    const caller = callerFor(t.deps, reviewer);
    await caller.queue.claim({ escalationId: id });
    await attend(t, caller, id, 30);
    await caller.reviews.decide({ escalationId: id, ...analysis });
    const stored = await statement(t.deps.db, "SELECT qualification_id FROM verifications WHERE escalation_id = ?").value(id);
    expect(stored).toBe(qualification.id);
  });

  it("changing or rejecting the AI output needs the override authority", async () => {
    const { t, system } = await setting();
    const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"], { qualified: false });
    await qualify(t.deps, reviewer.id, system.id, { authority: ["review"] });
    const { id } = await receiveEscalation(t.deps, system.id, escalationBody());
    const caller = callerFor(t.deps, reviewer);
    await caller.queue.claim({ escalationId: id });
    await attend(t, caller, id, 30);
    await expect(
      caller.reviews.decide({ escalationId: id, ...analysis, outcome: "rejected", checklist: { "matches-request": "no", "within-policy": "no" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: /override authority/ });
    await expect(caller.reviews.decide({ escalationId: id, ...analysis })).resolves.toMatchObject({ status: "decided" });
  });

  it("a lead may hold override and stop, but not review without the reviewer role", async () => {
    const { t, system, admin } = await setting();
    const lead = await addUser(t.deps, "lead@example.com", ["lead"]);
    const grant = { systemId: system.id, training: "Course", obtainedAt: "2026-01-01T00:00:00Z", expiresAt: "2027-01-01T00:00:00Z" };
    await expect(admin.qualifications.grant({ ...grant, userId: lead.id, authority: ["override", "stop"] })).resolves.toBeTruthy();
  });

  it("is refused for a user who is not a reviewer, with an expiry in the past, or with no authority", async () => {
    const { t, system, admin } = await setting();
    const lead = await addUser(t.deps, "lead@example.com", ["lead"]);
    const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"], { qualified: false });
    const grant = { systemId: system.id, training: "Course", obtainedAt: "2026-01-01T00:00:00Z", expiresAt: "2027-01-01T00:00:00Z" };
    await expect(admin.qualifications.grant({ ...grant, userId: lead.id, authority: ["review", "override"] })).rejects.toThrow(
      /the review authority is for reviewers: give this lead the reviewer role/,
    );
    const auditor = await addUser(t.deps, "auditor@example.com", ["auditor"]);
    await expect(admin.qualifications.grant({ ...grant, userId: auditor.id, authority: ["stop"] })).rejects.toThrow(/give this user the reviewer role/);
    await expect(
      admin.qualifications.grant({ ...grant, userId: reviewer.id, authority: ["review"], expiresAt: "2026-02-01T00:00:00Z" }),
    ).rejects.toThrow(/expiresAt is already past/);
    await expect(admin.qualifications.grant({ ...grant, userId: reviewer.id, authority: [] })).rejects.toThrow(/at least one authority/);
  });

  it("only admins grant and revoke", async () => {
    const { t, system } = await setting();
    const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"]);
    for (const role of ["reviewer", "lead", "auditor"] as const) {
      const caller = callerFor(t.deps, await addUser(t.deps, `${role}-x@example.com`, [role]));
      await expect(
        caller.qualifications.grant({
          userId: reviewer.id,
          systemId: system.id,
          training: "Self-granted",
          obtainedAt: "2026-11-01T00:00:00Z",
          expiresAt: "2027-11-01T00:00:00Z",
          authority: ["review"],
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.qualifications.revoke({ qualificationId: "qual_x", reason: "because" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(callerFor(t.deps, reviewer).qualifications.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
