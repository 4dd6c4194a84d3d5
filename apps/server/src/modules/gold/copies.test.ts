import { describe, expect, it } from "vitest";
import type { Outcome } from "@countersign/shared/enums";
import type { ReviewPolicy } from "@countersign/shared/policy";
import { operator } from "../../lib/context";
import { attend } from "../../testing/operations";
import { statement } from "../../lib/prepared";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import type { UserSummary } from "../users/queries";
import { receiveEscalation } from "../escalations/receive";
import { packFigures } from "../export/figures";
import { openSnapshot } from "../export/snapshot";
import { addGoldItems } from "./add-gold";
import { inOrder } from "../../lib/in-order";

const minute = 60_000;
/** A verification's gold score as 1 (caught), 0 (missed) or null, whichever engine stores the boolean. */
const goldCaught = "CASE WHEN gold_caught THEN 1 WHEN NOT gold_caught THEN 0 END";

/**
 * A system whose AI sends rising ids (rt-40100, rt-40105, …) a few minutes apart, and one gold
 * item whose template has an id of its own and a due time two hours after it was added.
 */
async function setting(policy: Partial<ReviewPolicy> = {}) {
  const t = testDeps();
  const { system } = await addSystem(t.deps, "refund-triage", { goldRate: 0.5, ...policy });
  const gaps = [3, 5, 4, 6, 5];
  const realIds: string[] = [];
  for (const [n, gap] of [0, ...gaps].entries()) {
    t.advance(gap * 60);
    realIds.push((await receiveEscalation(t.deps, system.id, escalationBody({ externalId: `rt-${40100 + 5 * n}` }))).id);
  }
  const addedAt = t.deps.now();
  const dueAt = new Date(addedAt + 2 * 60 * minute).toISOString().replace(".000Z", "Z");
  const [gold] = await addGoldItems(t.deps, operator, system.id, [
    { escalation: escalationBody({ externalId: "gold-template-1", dueAt }), expectedOutcome: "rejected" },
  ]);
  const reviewers = (await inOrder(["ana", "ben", "cleo", "dan"], (name) => addUser(t.deps, `${name}@example.com`, ["reviewer"])));
  const row = async (id: string) =>
    (await statement(
      t.deps.db,
      "SELECT id, external_id AS externalId, received_at AS receivedAt, due_at AS dueAt, status, disputed_at AS disputedAt FROM escalations WHERE id = ?",
    ).get<{ id: string; externalId: string; receivedAt: number; dueAt: string | null; status: string; disputedAt: number | null }>(id))!;
  const queuedCopy = () =>
    statement(
      t.deps.db,
      "SELECT id FROM escalations WHERE gold_item_id = ? AND status = 'queued' AND disputed_at IS NULL AND id NOT IN (SELECT escalation_id FROM verifications)",
    ).value<string>(gold!.goldItemId);
  return { t, system, gold: gold!, realIds, gaps, reviewers, row, queuedCopy };
}

let n = 0;
async function verify(t: Awaited<ReturnType<typeof testDeps>>, reviewer: UserSummary, escalationId: string, outcome: Outcome) {
  const caller = callerFor(t.deps, reviewer);
  await caller.queue.claim({ escalationId });
  await attend(t, caller, escalationId, 30);
  n += 1;
  return caller.reviews.decide({
    escalationId,
    outcome,
    checklist: { "matches-request": outcome === "approved" ? "yes" : "no", "within-policy": "yes" },
    rationale: `Review number ${n} by ${reviewer.name}: ${outcome} after reading the order history and the photo.`,
  });
}

describe("gold copies", () => {
  it("arrive like a real escalation: a real inter-arrival gap after the decision, not at its instant, and unseen until then", async () => {
    const { t, gold, gaps, reviewers, row, queuedCopy } = await setting();
    const [ana, ben] = reviewers as [UserSummary, UserSummary];
    await verify(t, ana, gold.escalationId, "rejected");
    const decidedAt = t.deps.now();
    const next = await row((await queuedCopy())!);
    expect(next.receivedAt).toBeGreaterThan(decidedAt);
    // One of the real gaps, stretched or shrunk by at most half: never the decide instant itself.
    expect(next.receivedAt - decidedAt).toBeGreaterThanOrEqual(0.5 * Math.min(...gaps) * minute);
    expect(next.receivedAt - decidedAt).toBeLessThanOrEqual(1.5 * Math.max(...gaps) * minute);

    // Before it arrives nobody lists, claims or finds it — a lead neither.
    const benCaller = callerFor(t.deps, ben);
    const lead = callerFor(t.deps, await addUser(t.deps, "lead@example.com", ["lead"]));
    for (const caller of [benCaller, lead]) expect((await caller.queue.list({})).rows.map((r) => r.id)).not.toContain(next.id);
    await expect(benCaller.queue.claim({ escalationId: next.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const claimedEarly = await benCaller.queue.claimNext({});
    expect(claimedEarly?.escalationId).not.toBe(next.id);
    await benCaller.queue.release({ escalationId: claimedEarly!.escalationId });

    t.advance((next.receivedAt - t.deps.now()) / 1000);
    const listed = (await benCaller.queue.list({})).rows.find((r) => r.id === next.id);
    expect(listed?.receivedAt).toBe(next.receivedAt);
    await expect(benCaller.queue.claim({ escalationId: next.id })).resolves.toMatchObject({ escalationId: next.id });
  });

  it("arrive about as often as the gold rate asks, with every active gold item cycling", async () => {
    const t = testDeps();
    const { system } = await addSystem(t.deps, "refund-triage", { goldRate: 0.1 });
    for (let i = 0; i < 6; i++) {
      t.advance(5 * 60); // a real escalation every five minutes
      await receiveEscalation(t.deps, system.id, escalationBody({ externalId: `rt-${40100 + 5 * i}` }));
    }
    const added = await addGoldItems(
      t.deps,
      operator,
      system.id,
      ["g-1", "g-2", "g-3"].map((externalId) => ({ escalation: escalationBody({ externalId }), expectedOutcome: "rejected" as const })),
    );
    t.deps.random = () => 0.5; // the drawn gap exactly: no stretch
    const reviewer = await addUser(t.deps, "ana@example.com", ["reviewer"]);
    await verify(t, reviewer, added[0]!.escalationId, "rejected");
    const next = (await statement(t.deps.db, "SELECT received_at FROM escalations WHERE gold_item_id = ? AND status = 'queued'").value<number>(added[0]!.goldItemId))!;
    // Three gold items at a 10 % share: each comes back after 3 × 9 real gaps, so one arrival in ten is gold.
    expect(next - t.deps.now()).toBe(3 * 9 * 5 * minute);
  });

  it.each([
    { goldRate: 0.5, order: ["rt-older", "gold", "rt-younger"] },
    { goldRate: 0, order: ["rt-older", "rt-younger", "gold"] },
  ])("are claimed in their place by priority and age, like any escalation (gold rate $goldRate)", async ({ goldRate, order }) => {
    const t = testDeps();
    const { system } = await addSystem(t.deps, "refund-triage", { goldRate });
    const names = new Map<string, string>();
    names.set((await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "rt-older" }))).id, "rt-older");
    t.advance(60);
    const [gold] = await addGoldItems(t.deps, operator, system.id, [{ escalation: escalationBody({ externalId: "g-1" }), expectedOutcome: "rejected" }]);
    names.set(gold!.escalationId, "gold");
    t.advance(60);
    names.set((await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "rt-younger" }))).id, "rt-younger");
    const served = [];
    for (const name of ["a", "b", "c"]) {
      const claim = await callerFor(t.deps, await addUser(t.deps, `${name}@example.com`, ["reviewer"])).queue.claimNext({});
      served.push(names.get(claim!.escalationId));
    }
    expect(served).toEqual(order);
  });

  it("carry an externalId of their own, shaped like the system's recent real ones, never one used before", async () => {
    const { t, gold, reviewers, row, queuedCopy } = await setting();
    const seen = new Set(
      await statement(t.deps.db, "SELECT external_id FROM escalations WHERE gold_item_id IS NULL").column<string>(),
    );
    let copy = gold.escalationId;
    for (const reviewer of reviewers) {
      const { externalId } = await row(copy);
      expect(externalId).toMatch(/^rt-401\d\d$/);
      expect(Number(externalId.slice(3))).toBeGreaterThan(40100);
      expect(Number(externalId.slice(3))).toBeLessThan(40125);
      expect(seen.has(externalId)).toBe(false);
      seen.add(externalId);
      await verify(t, reviewer, copy, "rejected");
      copy = (await queuedCopy())!;
      t.advance(60 * 60);
    }
    expect(seen.has("gold-template-1")).toBe(false);
  });

  it("move the template's due time with their arrival, written as the template wrote it", async () => {
    const { t, gold, reviewers, row, queuedCopy } = await setting();
    const first = await row(gold.escalationId);
    expect(Date.parse(first.dueAt!) - first.receivedAt).toBe(2 * 60 * minute);
    await verify(t, reviewers[0]!, gold.escalationId, "rejected");
    t.advance(3 * 24 * 60 * 60);
    const next = await row((await queuedCopy())!);
    // Within the second the template's format keeps (it wrote no milliseconds).
    expect(Date.parse(next.dueAt!) - next.receivedAt).toBeGreaterThan(2 * 60 * minute - 1000);
    expect(Date.parse(next.dueAt!) - next.receivedAt).toBeLessThanOrEqual(2 * 60 * minute);
    expect(next.dueAt).toMatch(/T\d\d:\d\d:\d\dZ$/);
  });

  it("under the two-person rule: a disagreement reaches the reviewers as a real one does, and the lead sees it marked as a gold item", async () => {
    const { t, system, gold, reviewers, row } = await setting({ requiredVerifications: 2 });
    const [ana, ben, cleo] = reviewers as [UserSummary, UserSummary, UserSummary];
    const real = (await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "rt-40131" }))).id;
    const responses = [];
    for (const id of [real, gold.escalationId]) {
      await verify(t, ana, id, "approved");
      responses.push(await verify(t, ben, id, "rejected"));
    }
    const [realDispute, goldDispute] = responses.map(({ verificationId: _v, ...rest }) => rest);
    expect(goldDispute).toEqual(realDispute);
    expect(goldDispute).toMatchObject({ status: "disputed", verificationsRecorded: 2, verificationsRequired: 2 });

    // Neither waits for reviewers any more; neither is decided yet.
    const cleoCaller = callerFor(t.deps, cleo);
    for (const id of [real, gold.escalationId]) {
      await expect(cleoCaller.queue.claim({ escalationId: id })).rejects.toThrow(/waits for a lead's resolution/);
      expect(await row(id)).toMatchObject({ status: "queued", disputedAt: expect.any(Number) });
    }
    for (const caller of [callerFor(t.deps, ana), callerFor(t.deps, ben), cleoCaller]) {
      const lists = [await caller.queue.list({}), await caller.queue.list({ status: "decided" })];
      expect(lists.flatMap((l) => l.rows.map((r) => r.id))).not.toContain(gold.escalationId);
    }
    // Both verifiers were scored on the gold copy.
    const scored = await statement(t.deps.db, `SELECT ${goldCaught} FROM verifications WHERE escalation_id = ? ORDER BY decided_at`).column(gold.escalationId);
    expect(scored).toEqual([0, 1]);

    // The lead sees both, the gold copy with what it expects; reviewers cannot see the disputes at all.
    // Qualified for the system, as whoever settles a dispute should be.
    const lead = callerFor(t.deps, await addUser(t.deps, "lead@example.com", ["lead", "reviewer"]));
    const disputes = await lead.reviews.disputes();
    expect(disputes.map((d) => [d.id, d.gold])).toEqual([
      [real, null],
      [gold.escalationId, { expectedOutcome: "rejected" }],
    ]);
    await expect(cleoCaller.reviews.disputes()).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The proof pack counts the system's disagreements about its outputs: the gold copy's is not one.
    const snapshot = openSnapshot(t.deps.db);
    expect((await packFigures(snapshot, { systemId: system.id, from: 0, to: t.deps.now() + 1, fromSeq: 0, toSeq: 0 })).decisions.disputed).toBe(1);
    await snapshot.close();

    // Once resolved it is in each verifier's decided list, like the real one.
    for (const dispute of disputes) {
      const rejected = dispute.verifications.find((v) => v.outcome === "rejected")!;
      await lead.reviews.resolve({ escalationId: dispute.id, verificationId: rejected.id, rationale: "The photo shows no damage at all; the claim does not hold." });
    }
    const decided = await callerFor(t.deps, ana).queue.list({ status: "decided" });
    expect(decided.rows.map((r) => r.id).sort()).toEqual([real, gold.escalationId].sort());
    expect(decided.total).toBe(2);
  });

  it("a disputed copy is followed by a fresh one, which neither of its verifiers is ever served", async () => {
    const { t, gold, reviewers, queuedCopy } = await setting({ requiredVerifications: 2 });
    const [ana, ben, cleo] = reviewers as [UserSummary, UserSummary, UserSummary];
    await verify(t, ana, gold.escalationId, "approved");
    expect(await queuedCopy()).toBeUndefined(); // still waiting for its second verification
    await verify(t, ben, gold.escalationId, "rejected");
    const next = (await queuedCopy())!;
    expect(next).not.toBe(gold.escalationId);
    t.advance(2 * 60 * 60);
    for (const verifier of [ana, ben]) {
      const caller = callerFor(t.deps, verifier);
      expect((await caller.queue.list({})).rows.map((r) => r.id)).not.toContain(next);
      await expect(caller.queue.claim({ escalationId: next })).rejects.toThrow();
    }
    expect((await callerFor(t.deps, cleo).queue.list({})).rows.map((r) => r.id)).toContain(next);
  });

  it("deactivating withdraws a copy nobody has verified", async () => {
    const { t, gold, reviewers, row, queuedCopy } = await setting();
    await verify(t, reviewers[0]!, gold.escalationId, "rejected");
    const next = (await queuedCopy())!;
    const admin = callerFor(t.deps, await addUser(t.deps, "admin@example.com", ["admin"]));
    await admin.gold.deactivate({ goldItemId: gold.goldItemId });
    expect((await row(next)).status).toBe("decided");
    t.advance(2 * 60 * 60);
    expect((await callerFor(t.deps, reviewers[1]!).queue.list({})).rows.map((r) => r.id)).not.toContain(next);
  });

  it("deactivating leaves a copy a reviewer has verified to settle like a real one", async () => {
    const { t, gold, reviewers, row, queuedCopy } = await setting({ requiredVerifications: 2 });
    const [ana, ben] = reviewers as [UserSummary, UserSummary];
    await verify(t, ana, gold.escalationId, "rejected");
    const admin = callerFor(t.deps, await addUser(t.deps, "admin@example.com", ["admin"]));
    await admin.gold.deactivate({ goldItemId: gold.goldItemId });
    expect((await row(gold.escalationId)).status).toBe("queued");
    await expect(verify(t, ben, gold.escalationId, "rejected")).resolves.toMatchObject({ status: "decided", verificationsRecorded: 2 });
    expect(await queuedCopy()).toBeUndefined();
  });
});
