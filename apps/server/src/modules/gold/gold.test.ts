import { describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { operator } from "../../lib/context";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { attend } from "../../testing/operations";
import { receiveEscalation } from "../escalations/receive";
import { addGoldItems, parseGoldJsonl } from "./add-gold";

/** The shape of a value: its keys and the kinds of its leaves, with every concrete value erased. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, shape(v)]));
  }
  return value === null ? "null" : typeof value;
}

async function goldAndReal() {
  const t = testDeps();
  const { system, key } = addSystem(t.deps, "refund-triage", { goldRate: 0.5 });
  const body = (externalId: string) => escalationBody({ externalId, evidence: [{ title: "Customer photo", content: "Photo of the parcel." }] });
  const real = receiveEscalation(t.deps, system.id, body("order-5001")).id;
  const [gold] = addGoldItems(t.deps, operator, system.id, [{ escalation: body("order-5002"), expectedOutcome: "rejected" }]);
  return { t, system, key, real, gold: gold!.escalationId };
}

describe("gold items", () => {
  it("look exactly like real items in everything a reviewer's browser receives", async () => {
    const { t, real, gold } = await goldAndReal();
    const reviewer = callerFor(t.deps, addUser(t.deps, "rev@example.com", ["reviewer"]));
    const queue = await reviewer.queue.list({});
    const [realRow, goldRow] = [real, gold].map((id) => queue.rows.find((row) => row.id === id)!);
    expect(shape(goldRow)).toEqual(shape(realRow));

    const responses = [];
    for (const id of [real, gold]) {
      const claim = await reviewer.queue.claim({ escalationId: id });
      const view = await reviewer.reviews.view({ escalationId: id });
      const evidence = await reviewer.reviews.openEvidence({ escalationId: id, evidenceIndex: 0 });
      await attend(t, reviewer, id, 30);
      const decision = await reviewer.reviews.decide({
        escalationId: id,
        outcome: "rejected",
        checklist: { "matches-request": "no", "within-policy": "no" },
        rationale: `Rejected ${id}: the amount does not match the order, checked against the photo.`,
      });
      responses.push({ claim, view, evidence, decision });
    }
    const [realResponses, goldResponses] = responses;
    expect(shape(goldResponses)).toEqual(shape(realResponses));
    // Same id format, same content, no word of gold anywhere.
    expect(goldResponses!.view.id).toMatch(/^esc_[0-9a-f]{32}$/);
    const { id: _r, externalId: _re, contentSha256: _rc, claimedAt: _rcl, leaseExpiresAt: _rl, leaseEndsAtLatest: _rle, serverNow: _rs, receivedAt: _rr, ...realView } = realResponses!.view;
    const { id: _g, externalId: _ge, contentSha256: _gc, claimedAt: _gcl, leaseExpiresAt: _gl, leaseEndsAtLatest: _gle, serverNow: _gs, receivedAt: _gr, ...goldView } = goldResponses!.view;
    expect(goldView).toEqual(realView);
    expect(JSON.stringify(goldResponses).toLowerCase()).not.toContain("gold");
  });

  it("never reach the AI system: no REST lookup returns them or their outcome", async () => {
    const { t, key, gold } = await goldAndReal();
    const app = buildApp(t.deps);
    const get = (path: string) => app.request(path, { headers: { authorization: `Bearer ${key}` } });
    expect((await get(`/api/v1/escalations/${gold}`)).status).toBe(404);
    expect((await get("/api/v1/escalations?externalId=order-5002")).status).toBe(404);
  });

  it("score each reviewer's catch, and are served again to other reviewers but never twice to one", async () => {
    const { t, system } = await goldAndReal();
    const first = callerFor(t.deps, addUser(t.deps, "a@example.com", ["reviewer"]));
    const second = callerFor(t.deps, addUser(t.deps, "b@example.com", ["reviewer"]));
    t.deps.random = () => 0; // every claim prefers a gold copy when one is queued
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
    const secondGold = await decideOn(second, "rejected"); // catches it
    expect(secondGold).not.toBe(firstGold);
    const caught = t.deps.db.$client
      .prepare("SELECT u.email, v.gold_caught FROM verifications v JOIN users u ON u.id = v.reviewer_id ORDER BY u.email")
      .all();
    expect(caught).toEqual([
      { email: "a@example.com", gold_caught: 0 },
      { email: "b@example.com", gold_caught: 1 },
    ]);
    // The admin's list counts how often each gold item was served and caught.
    const admin = callerFor(t.deps, addUser(t.deps, "admin@example.com", ["admin"]));
    const [listed] = await admin.gold.list({ systemId: system.id });
    expect(listed).toMatchObject({ externalId: "order-5002", expectedOutcome: "rejected", decisions: 2, caught: 1, active: true });
    // The next claim for the first reviewer is the real item, not the gold copy they have seen.
    const next = (await first.queue.claimNext({}))!;
    const goldId = t.deps.db.$client.prepare("SELECT gold_item_id FROM escalations WHERE id = ?").pluck().get(next.escalationId);
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
    const reviewer = callerFor(t.deps, addUser(t.deps, "rev@example.com", ["reviewer"]));
    await expect(
      reviewer.gold.add({ systemId: system.id, item: { escalation: escalationBody(), expectedOutcome: "rejected" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
