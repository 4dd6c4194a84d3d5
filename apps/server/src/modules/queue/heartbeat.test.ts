import { describe, expect, it } from "vitest";
import type { ReviewPolicy } from "@countersign/shared/policy";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { attend } from "../../testing/operations";
import { receiveEscalation } from "../escalations/receive";
import { statement } from "../../lib/prepared";

const minute = 60_000;

async function heldItem(policy: Partial<ReviewPolicy> = {}, body = escalationBody()) {
  const t = testDeps();
  const { system } = await addSystem(t.deps, "refund-triage", policy);
  const { id } = await receiveEscalation(t.deps, system.id, body);
  const reviewer = callerFor(t.deps, await addUser(t.deps, "rev@example.com", ["reviewer"]));
  const claim = await reviewer.queue.claim({ escalationId: id });
  const approve = () =>
    reviewer.reviews.decide({
      escalationId: id,
      outcome: "approved",
      checklist: { "matches-request": "yes", "within-policy": "yes" },
      rationale: "Photo confirms the damage; amount matches the order line exactly.",
    });
  const beat = () => reviewer.queue.heartbeat({ escalationId: id });
  const stored = async () => await statement(t.deps.db, "SELECT active_seconds FROM verifications WHERE escalation_id = ?").value(id);
  return { t, id, reviewer, claim, approve, beat, stored, systemId: system.id };
}

describe("dwell counts active review, measured by the server", () => {
  it("an item claimed and left in a hidden tab cannot be approved when the reviewer comes back", async () => {
    const { t, id, reviewer, approve, beat, stored } = await heldItem();
    t.advance(10 * 60); // the tab is hidden: the screen sends no heartbeat
    expect((await beat()).activeSeconds).toBe(0); // back: the gap earns nothing
    await expect(approve()).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: /at least 20 s of active time .* 20 s to go/ });
    expect((await reviewer.reviews.view({ escalationId: id })).situation.activeSeconds).toBe(0);
    await attend(t, reviewer, id, 20);
    await expect(approve()).resolves.toMatchObject({ outcome: "approved" });
    expect(await stored()).toBe(20);
  });

  it("heartbeats faster than the interval, or two at once, earn no extra credit", async () => {
    const { t, beat } = await heldItem();
    for (let i = 0; i < 10; i++) {
      t.advance(1);
      await beat();
      await beat(); // a second tab, or a retry, at the same moment
    }
    expect((await beat()).activeSeconds).toBe(10);
    t.advance(14); // one late heartbeat still earns one interval, never more
    expect((await beat()).activeSeconds).toBe(20);
    t.advance(16); // beyond the grace: a gap, not attention
    expect((await beat()).activeSeconds).toBe(20);
  });

  it("a heartbeat on leaving closes the stretch: the time away earns nothing, however short", async () => {
    const { t, id, reviewer, beat } = await heldItem();
    t.advance(6);
    expect((await reviewer.queue.heartbeat({ escalationId: id, leaving: true })).activeSeconds).toBe(6);
    t.advance(8); // in another window
    expect((await beat()).activeSeconds).toBe(6);
    t.advance(4);
    expect((await beat()).activeSeconds).toBe(10);
  });

  it("a browser cannot report its own active time: the decision stores what the server credited", async () => {
    const { t, reviewer, id, approve, beat, stored } = await heldItem();
    t.advance(40);
    await expect(
      reviewer.reviews.decide({
        escalationId: id,
        outcome: "approved",
        checklist: { "matches-request": "yes", "within-policy": "yes" },
        rationale: "Photo confirms the damage; amount matches the order line exactly.",
        activeSeconds: 40,
      } as never),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await beat();
    await attend(t, reviewer, id, 25);
    await approve();
    expect(await stored()).toBe(25);
  });

  it("only the holder of a live lease earns active time", async () => {
    const { t, id, beat } = await heldItem();
    const other = callerFor(t.deps, await addUser(t.deps, "other@example.com", ["reviewer"]));
    t.advance(5);
    await expect(other.queue.heartbeat({ escalationId: id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: /only the reviewer holding the lease earns active time/,
    });
    expect((await beat()).activeSeconds).toBe(5);
    for (const role of ["auditor", "admin"] as const) {
      const caller = callerFor(t.deps, await addUser(t.deps, `${role}@example.com`, [role]));
      await expect(caller.queue.heartbeat({ escalationId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    // A lead works a lease only on a dispute taken up to resolve; on anyone else's lease, nothing.
    const lead = callerFor(t.deps, await addUser(t.deps, "lead@example.com", ["lead"]));
    await expect(lead.queue.heartbeat({ escalationId: id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a released item's active time is gone: the next claim starts from zero", async () => {
    const { t, id, reviewer, beat } = await heldItem();
    await attend(t, reviewer, id, 30);
    await reviewer.queue.release({ escalationId: id });
    await expect(beat()).rejects.toMatchObject({ code: "CONFLICT" });
    await reviewer.queue.claim({ escalationId: id });
    t.advance(5);
    expect((await beat()).activeSeconds).toBe(5);
  });
});

describe("the lease follows the reviewer's activity", () => {
  it("extends while the reviewer is active, never past the policy's maximum", async () => {
    const { t, id, reviewer, claim, beat } = await heldItem({ leaseMinutes: 5, maxLeaseMinutes: 10 });
    expect(claim.leaseExpiresAt).toBe(claim.claimedAt + 5 * minute);
    const after4 = await attend(t, reviewer, id, 4 * 60);
    expect(after4.leaseExpiresAt).toBe(t.deps.now() + 5 * minute);
    expect(after4.leaseEndsAtLatest).toBe(claim.claimedAt + 10 * minute);
    const after8 = await attend(t, reviewer, id, 4 * 60);
    expect(after8.leaseExpiresAt).toBe(claim.claimedAt + 10 * minute);
    await attend(t, reviewer, id, 2 * 60 - 10);
    t.advance(10);
    await expect(beat()).rejects.toThrow(/lease on this escalation has expired/);
  });

  it("an idle reviewer's lease runs out leaseMinutes after the last heartbeat", async () => {
    const { t, id, reviewer, beat } = await heldItem({ leaseMinutes: 5, maxLeaseMinutes: 60 });
    await attend(t, reviewer, id, 3 * 60);
    t.advance(5 * 60);
    await expect(beat()).rejects.toThrow(/expired/);
    const other = callerFor(t.deps, await addUser(t.deps, "other@example.com", ["reviewer"]));
    await expect(other.queue.claim({ escalationId: id })).resolves.toMatchObject({ escalationId: id });
  });
});

describe("no item asks for more dwell than its lease can give", () => {
  it("caps the dwell of a very long item to fit the longest lease, and says so; it can then be approved", async () => {
    const huge = escalationBody({ aiOutput: "x".repeat(300_000), priority: "urgent" });
    const { t, id, reviewer, approve } = await heldItem({ leaseMinutes: 5, maxLeaseMinutes: 10, dwellSecondsPer1000Chars: 10 }, huge);
    const view = await reviewer.reviews.view({ escalationId: id });
    expect(view.situation).toMatchObject({ requiredDwellSeconds: 450, dwellCapped: true });
    await attend(t, reviewer, id, 449);
    await expect(approve()).rejects.toThrow(/1 s to go/);
    await attend(t, reviewer, id, 1);
    await expect(approve()).resolves.toMatchObject({ outcome: "approved" });
  });

  it("refuses a policy whose base dwell could not be met within the longest lease", async () => {
    const { t, systemId } = await heldItem();
    const admin = callerFor(t.deps, await addUser(t.deps, "admin@example.com", ["admin"]));
    const policy = (await admin.systems.list()).find((s) => s.id === systemId)!.policy;
    await expect(admin.systems.setPolicy({ systemId, policy: { ...policy, minDwellSeconds: 2000, maxLeaseMinutes: 60 } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/2000 s × 1\.5 = 3000 s\) cannot be met within the longest lease: at most 2700 s/),
    });
    await expect(admin.systems.setPolicy({ systemId, policy: { ...policy, leaseMinutes: 30, maxLeaseMinutes: 20 } })).rejects.toThrow(
      /Longest lease \(20 minutes\) must be at least the lease \(30 minutes\)/,
    );
    await admin.systems.setPolicy({ systemId, policy: { ...policy, minDwellSeconds: 2000, maxLeaseMinutes: 120 } });
    expect((await admin.systems.list()).find((s) => s.id === systemId)!.policy).toMatchObject({ minDwellSeconds: 2000, maxLeaseMinutes: 120 });
  });
});
