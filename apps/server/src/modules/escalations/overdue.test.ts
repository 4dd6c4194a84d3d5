import { describe, expect, it } from "vitest";
import type { OverdueAction } from "@countersign/shared/policy";
import { buildApp } from "../../app";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { attend, decideAs, type TestResponse } from "../../testing/operations";
import { operator } from "../../lib/context";
import { verifyAuditLog } from "../../audit/verify";
import { purgeExpired } from "../retention/purge";
import { policyOf } from "../reviews/situation";
import { expireOverdue } from "./overdue";
import { receiveEscalation } from "./receive";
import { waitingRequests } from "./waiters";
import { statement } from "../../lib/prepared";

const minute = 60_000;

async function setting(onOverdue?: OverdueAction, retentionMonths?: number) {
  const t = testDeps();
  const { system, key } = await addSystem(t.deps, "refund-triage", { ...(onOverdue ? { onOverdue } : {}), ...(retentionMonths ? { retentionMonths } : {}) });
  const reviewer = await addUser(t.deps, "ana@example.com", ["reviewer"]);
  const app = buildApp(t.deps);
  // Due in 30 minutes, written with an offset: the instant counts, not the text.
  const { id } = await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "order-1042", dueAt: isoWithOffset(t.deps.now() + 30 * minute) }));
  const get = async (path: string) => (await app.request(path, { headers: { authorization: `Bearer ${key}` } })) as TestResponse;
  const outbox = async () => await statement(t.deps.db, "SELECT type, payload FROM outbox_events ORDER BY id").all() as { type: string; payload: string }[];
  const audit = async (action: string) =>
    await statement(t.deps.db, "SELECT actor_type AS actorType, payload FROM audit_log WHERE action = ? AND entity_id = ?").all(action, id) as { actorType: string; payload: string }[];
  return { t, system, reviewer, app, id, get, outbox, audit };
}

/** The instant written in +02:00, as an AI system in Berlin's summer might send it. */
function isoWithOffset(at: number) {
  const local = new Date(at + 2 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "");
  return `${local}+02:00`;
}

describe("escalations past their dueAt", () => {
  it("stay open until dueAt (an offset is read as the instant it names), then expire under hold: the decision says expired and what to do", async () => {
    const { t, id, get, outbox, audit } = await setting();
    t.advance(29 * 60);
    expect(await expireOverdue(t.deps)).toBe(0);
    expect((await (await get(`/api/v1/escalations/${id}`)).json()).status).toBe("queued");
    t.advance(61);
    expect(await expireOverdue(t.deps)).toBe(1);
    const body = await (await get(`/api/v1/escalations/${id}`)).json();
    expect(body.status).toBe("expired");
    expect(body.decision).toMatchObject({ outcome: "expired", onOverdue: "hold", finalOutput: null, decidedBy: "Countersign", verifications: [] });
    expect(body.decision.rationale).toMatch(/do not act on the AI output/);
    expect(body.decision.decidedAt).toBe(new Date(t.deps.now()).toISOString());
    const events = await outbox();
    expect(events.map((e) => e.type)).toEqual(["escalation.expired"]);
    // The event is the REST resource itself (the first fetch is recorded beside it, not in it).
    expect(JSON.parse(events[0]!.payload)).toEqual(body);
    const [entry] = await audit("escalation.expired");
    expect(entry!.actorType).toBe("server");
    expect(JSON.parse(entry!.payload)).toMatchObject({ onOverdue: "hold", dueAt: body.dueAt });
    // The first read of an expired decision is recorded as any decision's is.
    expect(await audit("escalation.decision_fetched")).toHaveLength(1);
    // Once expired, it stays so: a second sweep writes nothing.
    expect(await expireOverdue(t.deps)).toBe(0);
    expect(await outbox()).toHaveLength(1);
    expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
  });

  it.each([
    ["reject", /treat the AI output as rejected/],
    ["escalate", /route the case to the AI system's own fallback or escalation path/],
  ] as const)("onOverdue %s tells the AI system so, in the decision and in the decision's explanation", async (onOverdue, words) => {
    const { t, id, get, outbox } = await setting(onOverdue);
    t.advance(31 * 60);
    await expireOverdue(t.deps);
    const body = await (await get(`/api/v1/escalations/${id}`)).json();
    expect(body.decision).toMatchObject({ outcome: "expired", onOverdue });
    expect(body.decision.rationale).toMatch(words);
    expect(JSON.parse((await outbox())[0]!.payload).decision.onOverdue).toBe(onOverdue);
    const lead = await addUser(t.deps, "lead@example.com", ["lead"]);
    const explanation = await callerFor(t.deps, lead).audit.explanation({ escalationId: id });
    expect(explanation.humanRole).toMatch(words);
    expect(explanation.decision).toMatchObject({ outcome: "expired", decidedBy: { role: "deadline passed" } });
  });

  it("leaves the claimable queue and shows as expired in the queue's expired filter", async () => {
    const { t, reviewer, id } = await setting();
    t.advance(31 * 60);
    await expireOverdue(t.deps);
    const caller = callerFor(t.deps, reviewer);
    expect(await caller.queue.claimNext({})).toBeNull();
    await expect(caller.queue.claim({ escalationId: id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/expired/) });
    expect((await caller.queue.list({})).rows).toEqual([]);
    const lead = await addUser(t.deps, "lead@example.com", ["lead"]);
    const expired = await callerFor(t.deps, lead).queue.list({ status: "expired" });
    expect(expired.rows.map((r) => [r.id, r.status])).toEqual([[id, "expired"]]);
  });

  it("releases a reviewer's lease at expiry, and refuses their late decision (fail closed)", async () => {
    const { t, reviewer, id, audit } = await setting();
    const caller = callerFor(t.deps, reviewer);
    t.advance(20 * 60);
    await caller.queue.claim({ escalationId: id });
    await attend(t, caller, id, 30);
    t.advance(10 * 60);
    await expireOverdue(t.deps);
    const row = await statement(t.deps.db, "SELECT status, lease_holder_id AS holder, lease_expires_at AS leaseExpiresAt FROM escalations WHERE id = ?").get(id);
    expect(row).toEqual({ status: "expired", holder: null, leaseExpiresAt: null });
    expect(JSON.parse((await audit("escalation.expired"))[0]!.payload)).toMatchObject({ leaseReleasedFrom: reviewer.id });
    await expect(
      caller.reviews.decide({ escalationId: id, outcome: "approved", checklist: { "matches-request": "yes", "within-policy": "yes" }, rationale: "The photo shows the broken kettle; the refund amount matches the order." }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/expired/) });
    expect(await statement(t.deps.db, "SELECT count(*) FROM verifications").value()).toBe(0);
  });

  it("an expired escalation's content is purged after the retention period, counted from its expiry; it still reads expired", async () => {
    const { t, id, get, outbox } = await setting("hold", 6);
    t.advance(31 * 60);
    await expireOverdue(t.deps);
    t.advance(150 * 86_400);
    expect((await purgeExpired(t.deps, operator, { dryRun: false })).systems[0]!.escalations).toBe(0);
    t.advance(40 * 86_400);
    expect((await purgeExpired(t.deps, operator, { dryRun: false })).systems[0]!.escalations).toBe(1);
    const body = await (await get(`/api/v1/escalations/${id}`)).json();
    expect(body).toMatchObject({ status: "expired", purgedAt: expect.any(String), decision: { outcome: "expired" } });
    // Purging announces nothing new.
    expect(await outbox()).toHaveLength(1);
  });

  it("an escalation decided in time never expires", async () => {
    const { t, reviewer, id, outbox } = await setting();
    await decideAs(t, reviewer, id, "approved");
    t.advance(60 * 60);
    expect(await expireOverdue(t.deps)).toBe(0);
    expect((await outbox()).map((e) => e.type)).toEqual(["escalation.decided"]);
  });

  it("wakes a waiting GET when the escalation expires", async () => {
    const { t, id, get } = await setting();
    t.advance(31 * 60);
    const pending = get(`/api/v1/escalations/${id}?wait=20`);
    for (let i = 0; i < 200 && waitingRequests() === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(waitingRequests()).toBe(1);
    const started = Date.now();
    await expireOverdue(t.deps);
    const body = await (await pending).json();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(body).toMatchObject({ id, status: "expired", decision: { outcome: "expired", onOverdue: "hold" } });
  });

  it("an admin sets onOverdue where the policy is edited; an unknown value is refused by name; a reviewer cannot set it", async () => {
    const { t, system, reviewer } = await setting();
    const admin = await addUser(t.deps, "admin@example.com", ["admin"]);
    const policy = await policyOf(t.deps.db, system.id);
    expect(policy.onOverdue).toBe("hold");
    await callerFor(t.deps, admin).systems.setPolicy({ systemId: system.id, policy: { ...policy, onOverdue: "escalate" } });
    expect((await policyOf(t.deps.db, system.id)).onOverdue).toBe("escalate");
    await expect(
      callerFor(t.deps, admin).systems.setPolicy({ systemId: system.id, policy: { ...policy, onOverdue: "ignore" as OverdueAction } }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/onOverdue must be one of hold, reject, escalate/) });
    await expect(callerFor(t.deps, reviewer).systems.setPolicy({ systemId: system.id, policy: { ...policy, onOverdue: "reject" } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(waitingRequests()).toBe(0);
  });
});
