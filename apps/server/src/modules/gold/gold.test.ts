import { describe, expect, it } from "vitest";
import type { ReviewPolicy } from "@countersign/shared/policy";
import { buildApp } from "../../app";
import { operator } from "../../lib/context";
import { statement } from "../../lib/prepared";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { attend } from "../../testing/operations";
import { receiveEscalation } from "../escalations/receive";
import { addGoldItems, parseGoldJsonl } from "./add-gold";

/** A verification's gold score as 1 (caught), 0 (missed) or null, whichever engine stores the boolean. */
const goldCaught = "CASE WHEN gold_caught THEN 1 WHEN NOT gold_caught THEN 0 END";

/** The shape of a value: its keys and the kinds of its leaves, with every concrete value erased. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, shape(v)]));
  }
  return value === null ? "null" : typeof value;
}

async function goldAndReal(policy: Partial<ReviewPolicy> = {}) {
  const t = testDeps();
  const { system, key } = await addSystem(t.deps, "refund-triage", { goldRate: 0.5, ...policy });
  const body = (externalId: string) => escalationBody({ externalId, evidence: [{ title: "Customer photo", content: "Photo of the parcel." }] });
  const real = (await receiveEscalation(t.deps, system.id, body("order-5001"))).id;
  const [gold] = await addGoldItems(t.deps, operator, system.id, [{ escalation: body("order-5002"), expectedOutcome: "rejected" }]);
  return { t, system, key, real, gold: gold!.escalationId };
}

type Caller = Awaited<ReturnType<typeof callerFor>>;

/** One review through every procedure the review screen calls, judgement first and attention check included. */
async function reviewEverything(t: Awaited<ReturnType<typeof testDeps>>, reviewer: Caller, id: string) {
  const claim = await reviewer.queue.claim({ escalationId: id });
  const beforeJudgement = await reviewer.reviews.view({ escalationId: id });
  const judgement = await reviewer.reviews.recordJudgement({ escalationId: id, verdict: "approve", reason: "The refund matches the photo." });
  const view = await reviewer.reviews.view({ escalationId: id });
  const evidence = await reviewer.reviews.openEvidence({ escalationId: id, evidenceIndex: 0 });
  await attend(t, reviewer, id, 30);
  const output = JSON.stringify(view.aiOutput).toLowerCase();
  const attentionAnswer = view.attentionCheck!.options.findIndex((option) => output.includes(option.toLowerCase()));
  const decision = await reviewer.reviews.decide({
    escalationId: id,
    outcome: "approved",
    checklist: { "matches-request": "yes", "within-policy": "yes" },
    rationale: `Approved ${id}: the amount matches the order and the photo shows the damage described.`,
    attentionAnswer,
  });
  return { claim, beforeJudgement, judgement, view, evidence, decision };
}

/** What may differ between two items: their ids, names, clock readings and the per-claim attention check. */
function withoutPerItemValues(view: Record<string, unknown>) {
  const { id: _i, externalId: _e, claimedAt: _cl, leaseExpiresAt: _l, leaseEndsAtLatest: _le, serverNow: _s, receivedAt: _r, attentionCheck: _a, ...rest } = view;
  return rest;
}

describe("gold items", () => {
  it.each([1, 2, 3])(
    "look exactly like real items in everything a reviewer's browser receives, decide response and decided list included (%i verification(s) required)",
    async (requiredVerifications) => {
      const { t, real, gold } = await goldAndReal({ requiredVerifications, judgementFirst: true, attentionCheckRate: 1 });
      const reviewers = await Promise.all(["ana", "ben", "cleo"].slice(0, requiredVerifications).map(async (name) => callerFor(t.deps, await addUser(t.deps, `${name}@example.com`, ["reviewer"]))));
      const queue = await reviewers[0]!.queue.list({});
      const [realRow, goldRow] = [real, gold].map((id) => queue.rows.find((row) => row.id === id)!);
      expect(shape(goldRow)).toEqual(shape(realRow));

      for (const [n, reviewer] of reviewers.entries()) {
        const realResponses = await reviewEverything(t, reviewer, real);
        const goldResponses = await reviewEverything(t, reviewer, gold);
        expect(shape(goldResponses)).toEqual(shape(realResponses));
        // The decide response is the same in value, not only in shape: awaiting another reviewer until the last one decides.
        const { verificationId: _rv, ...realDecision } = realResponses.decision;
        const { verificationId: _gv, ...goldDecision } = goldResponses.decision;
        expect(goldDecision).toEqual(realDecision);
        expect(goldDecision).toMatchObject({
          status: n + 1 < requiredVerifications ? "awaiting_verification" : "decided",
          verificationsRecorded: n + 1,
          verificationsRequired: requiredVerifications,
        });
        expect(withoutPerItemValues(goldResponses.view)).toEqual(withoutPerItemValues(realResponses.view));
        expect(withoutPerItemValues(goldResponses.beforeJudgement)).toEqual(withoutPerItemValues(realResponses.beforeJudgement));
        expect(goldResponses.view.id).toMatch(/^esc_[0-9a-f]{32}$/);
        expect(JSON.stringify(goldResponses).toLowerCase()).not.toContain("gold");

        // Until the last verification both wait in the reviewer's queue as "verified by you".
        const open = await reviewer.queue.list({});
        const waiting = [real, gold].map((id) => open.rows.find((row) => row.id === id));
        if (n + 1 < requiredVerifications) {
          expect(waiting.map((row) => row?.verifiedByMe)).toEqual([true, true]);
          expect(shape(waiting[1])).toEqual(shape(waiting[0]));
        } else expect(waiting).toEqual([undefined, undefined]);
      }

      for (const reviewer of reviewers) {
        const decided = await reviewer.queue.list({ status: "decided" });
        expect(decided.rows.map((row) => row.id).sort()).toEqual([real, gold].sort());
        const [realDecided, goldDecided] = [real, gold].map((id) => decided.rows.find((row) => row.id === id)!);
        expect(shape(goldDecided)).toEqual(shape(realDecided));
        expect(new Set(decided.rows.map((row) => row.externalId)).size).toBe(decided.rows.length);
        expect(JSON.stringify(decided).toLowerCase()).not.toContain("gold");
      }
      // Every verifier was scored on the gold copy: approving a known-wrong output is a miss.
      const scored = await statement(t.deps.db, `SELECT ${goldCaught} FROM verifications WHERE escalation_id = ?`).column(gold);
      expect(scored).toEqual(Array(requiredVerifications).fill(0));
    },
  );

  it("never reach the AI system: no REST lookup returns them or their outcome", async () => {
    const { t, key, gold } = await goldAndReal();
    const app = buildApp(t.deps);
    const get = (path: string) => app.request(path, { headers: { authorization: `Bearer ${key}` } });
    expect((await get(`/api/v1/escalations/${gold}`)).status).toBe(404);
    expect((await get("/api/v1/escalations?externalId=order-5002")).status).toBe(404);
  });

  it("score each reviewer's catch, and are served again to other reviewers but never twice to one", async () => {
    const t = testDeps();
    const { system } = await addSystem(t.deps, "refund-triage", { goldRate: 0.5 });
    t.deps.random = () => 0; // the next copy arrives half the fallback gap (5 minutes) after a copy is decided
    await addGoldItems(t.deps, operator, system.id, [{ escalation: escalationBody({ externalId: "order-5002" }), expectedOutcome: "rejected" }]);
    const first = callerFor(t.deps, await addUser(t.deps, "a@example.com", ["reviewer"]));
    const second = callerFor(t.deps, await addUser(t.deps, "b@example.com", ["reviewer"]));
    const decideOn = async (caller: typeof first, outcome: "approved" | "rejected") => {
      const claim = (await caller.queue.claimNext({}))!;
      await attend(t, caller, claim.escalationId, 30);
      await caller.reviews.decide({
        escalationId: claim.escalationId,
        outcome,
        checklist: { "matches-request": "yes", "within-policy": outcome === "approved" ? "yes" : "no" },
        rationale: `${outcome} after checking ${claim.escalationId} against the order and the photo.`,
      });
      return claim.escalationId;
    };
    const firstGold = await decideOn(first, "approved"); // misses the known error
    t.advance(20 * 60);
    await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "order-5001" })); // younger than the next copy
    const secondGold = await decideOn(second, "rejected"); // catches it
    expect(secondGold).not.toBe(firstGold);
    const isGold = (id: string) => statement(t.deps.db, "SELECT CASE WHEN gold_item_id IS NOT NULL THEN 1 ELSE 0 END FROM escalations WHERE id = ?").value(id);
    expect([await isGold(firstGold), await isGold(secondGold)]).toEqual([1, 1]);
    const caught = await statement(t.deps.db, `SELECT u.email, ${goldCaught} AS gold_caught FROM verifications v JOIN users u ON u.id = v.reviewer_id ORDER BY u.email`).all();
    expect(caught).toEqual([
      { email: "a@example.com", gold_caught: 0 },
      { email: "b@example.com", gold_caught: 1 },
    ]);
    // The admin's list counts how often each gold item was served and caught.
    const admin = callerFor(t.deps, await addUser(t.deps, "admin@example.com", ["admin"]));
    const [listed] = await admin.gold.list({ systemId: system.id });
    expect(listed).toMatchObject({ externalId: "order-5002", expectedOutcome: "rejected", decisions: 2, caught: 1, active: true });
    // The next claim for the first reviewer is the real item, not the older gold copy they have seen.
    t.advance(10 * 60);
    const next = (await first.queue.claimNext({}))!;
    const goldId = await statement(t.deps.db, "SELECT gold_item_id FROM escalations WHERE id = ?").value(next.escalationId);
    expect(goldId).toBeNull();
  });

  it("are imported from JSONL all-or-nothing, with errors naming the line and the field", () => {
    const good = JSON.stringify({ escalation: escalationBody({ externalId: "g-1" }), expectedOutcome: "rejected" });
    const bad = JSON.stringify({ escalation: { ...escalationBody({ externalId: "g-2" }), contextSummary: "" }, expectedOutcome: "rejected" });
    expect(parseGoldJsonl(`${good}\n\n${good}`)).toHaveLength(2);
    expect(() => parseGoldJsonl(`${good}\n${bad}\nnot json`)).toThrow(/2 problem/);
    try {
      parseGoldJsonl(`${good}\n${bad}`);
    } catch (error) {
      expect((error as { issues: { path: string }[] }).issues[0]!.path).toBe("line 2: escalation.contextSummary");
    }
  });

  it("can be added over REST with the system's key, and a reviewer cannot add them in the workbench", async () => {
    const { t, key, system } = await goldAndReal();
    const res = await buildApp(t.deps).request("/api/v1/gold-items", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ escalation: escalationBody({ externalId: "g-rest" }), expectedOutcome: "modified" }),
    });
    expect(res.status).toBe(201);
    const reviewer = callerFor(t.deps, await addUser(t.deps, "rev@example.com", ["reviewer"]));
    await expect(
      reviewer.gold.add({ systemId: system.id, item: { escalation: escalationBody(), expectedOutcome: "rejected" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
