import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { escalations } from "../../db/schema/escalations";
import { buildApp } from "../../app";
import { operator } from "../../lib/context";
import { write } from "../../lib/tx";
import { addSystem, addUser, callerFor, escalationBody, qualify, testDeps } from "../../testing/fixtures";
import { decideAs } from "../../testing/operations";
import { addGoldItems } from "../gold/add-gold";
import { escalationState, publicStatus, settle } from "./lifecycle";
import { expireOverdue } from "./overdue";
import { receiveEscalation } from "./receive";
import { inOrder } from "../../lib/in-order";
import { statement } from "../../lib/prepared";

const minute = 60_000;

async function outbox(t: Awaited<ReturnType<typeof testDeps>>) {
  return (await statement(t.deps.db, "SELECT type, system_id AS systemId, payload FROM outbox_events ORDER BY id").all() as { type: string; systemId: string; payload: string }[]).map(
    (e) => ({ ...e, payload: JSON.parse(e.payload) as Record<string, any> }),
  );
}

async function setting(policy: Parameters<typeof addSystem>[2] = {}) {
  const t = testDeps();
  const { system, key } = await addSystem(t.deps, "refund-triage", policy);
  const app = buildApp(t.deps);
  const get = async (id: string) => (await (await app.request(`/api/v1/escalations/${id}`, { headers: { authorization: `Bearer ${key}` } })).json()) as Record<string, any>;
  return { t, system, key, app, get };
}

describe("an escalation's lifecycle", () => {
  it("derives one state from the row: queued, in review, awaiting another verification, disputed, decided, expired, purged", () => {
    const now = 1_000_000;
    const open = { status: "queued" as const, leaseExpiresAt: null, disputedAt: null, purgedAt: null };
    expect(escalationState(open, now)).toBe("queued");
    expect(escalationState({ ...open, verified: true }, now)).toBe("awaiting_verification");
    expect(escalationState({ ...open, status: "in_review", leaseExpiresAt: now + 1 }, now)).toBe("in_review");
    // A lease that ran out is free again before the sweep returns it.
    expect(escalationState({ ...open, status: "in_review", leaseExpiresAt: now }, now)).toBe("queued");
    expect(escalationState({ ...open, disputedAt: now - 1 }, now)).toBe("disputed");
    expect(escalationState({ ...open, status: "decided" }, now)).toBe("decided");
    expect(escalationState({ ...open, status: "expired" }, now)).toBe("expired");
    expect(escalationState({ ...open, status: "decided", purgedAt: now }, now)).toBe("purged");
    // What AI systems read: waiting for another reviewer or a lead is "in review"; purged keeps how it ended.
    expect(publicStatus({ ...open, verified: true }, now)).toBe("in_review");
    expect(publicStatus({ ...open, disputedAt: now - 1 }, now)).toBe("in_review");
    expect(publicStatus({ ...open, status: "expired", purgedAt: now }, now)).toBe("expired");
  });

  it("a decision is written to the outbox as escalation.decided, exactly as the REST GET shows it, in the same transaction", async () => {
    const { t, system, get } = await setting();
    const reviewer = await addUser(t.deps, "ana@example.com", ["reviewer"]);
    const { id } = await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "order-1042" }));
    expect(await outbox(t)).toEqual([]);
    await decideAs(t, reviewer, id, "modified");
    const events = await outbox(t);
    expect(events.map((e) => e.type)).toEqual(["escalation.decided"]);
    expect(events[0]!.systemId).toBe(system.id);
    const resource = await get(id);
    expect(events[0]!.payload).toEqual(resource);
    expect(resource.decision).toMatchObject({ outcome: "modified", verifications: [{ outcome: "modified", decidedBy: "ana" }] });
  });

  it("a resolved dispute's event carries every verification and the resolution", async () => {
    const { t, system, get } = await setting({ requiredVerifications: 2 });
    const [ana, ben] = (await inOrder(["ana", "ben"], (name) => addUser(t.deps, `${name}@example.com`, ["reviewer"])));
    const lead = await addUser(t.deps, "lead@example.com", ["lead"]);
    await qualify(t.deps, lead.id, system.id, { authority: ["override"] });
    const { id } = await receiveEscalation(t.deps, system.id, escalationBody());
    await decideAs(t, ana!, id, "approved");
    await decideAs(t, ben!, id, "rejected");
    // Awaiting another verification and disputed tell the AI system nothing yet.
    expect(await outbox(t)).toEqual([]);
    const verificationId = await statement(t.deps.db, "SELECT id FROM verifications WHERE reviewer_id = ?").value(ben!.id) as string;
    await callerFor(t.deps, lead).reviews.resolve({ escalationId: id, verificationId, rationale: "The refund exceeds the policy limit for this customer." });
    const [event] = await outbox(t);
    expect(event!.type).toBe("escalation.decided");
    expect(event!.payload.decision.verifications.map((v: { decidedBy: string }) => v.decidedBy)).toEqual(["ana", "ben"]);
    expect(event!.payload.decision.resolution).toMatchObject({ outcome: "rejected", resolvedBy: "lead", basis: "adopted" });
    expect(event!.payload).toEqual(await get(id));
  });

  it("a transition the current state does not allow is refused, naming the state, and writes nothing", async () => {
    const { t, system } = await setting();
    const reviewer = await addUser(t.deps, "ana@example.com", ["reviewer"]);
    const { id } = await receiveEscalation(t.deps, system.id, escalationBody());
    await decideAs(t, reviewer, id, "approved");
    const entries = async () => await statement(t.deps.db, "SELECT count(*) FROM audit_log").value();
    const before = { entries: await entries(), events: (await outbox(t)).length };
    const row = async () => await statement(t.deps.db, "SELECT * FROM escalations WHERE id = ?").get(id);
    const decided = (await t.deps.db.select().from(escalations).where(eq(escalations.id, id)).get())!;
    await expect(
      write(t.deps.db, (tx) => settle(tx, decided, "decided", t.deps.now(), { actor: operator, action: "escalation.decided" })),
    ).rejects.toThrow(expect.objectContaining({ code: "CONFLICT", message: "cannot decide this escalation: it is already decided" }));
    expect(await row()).toMatchObject({ status: "decided" });
    expect({ entries: await entries(), events: (await outbox(t)).length }).toEqual(before);
  });

  it("gold copies never reach the outbox: neither decided nor expired", async () => {
    const { t, system } = await setting({ goldRate: 0.5 });
    const reviewer = await addUser(t.deps, "ana@example.com", ["reviewer"]);
    const dueAt = (at: number) => new Date(at).toISOString();
    await addGoldItems(t.deps, operator, system.id, [
      { escalation: escalationBody({ externalId: "gold-1", dueAt: dueAt(t.deps.now() + 120 * minute) }), expectedOutcome: "rejected" },
    ]);
    const copy = async () =>
      await statement(t.deps.db, "SELECT id, received_at AS receivedAt, due_at_ms AS dueAtMs FROM escalations WHERE gold_item_id IS NOT NULL AND status = 'queued'").get() as {
        id: string;
        receivedAt: number;
        dueAtMs: number;
      };
    const first = await copy();
    t.advance(Math.max(0, (first.receivedAt - t.deps.now()) / 1000) + 1);
    await decideAs(t, reviewer, first.id, "rejected");
    const second = await copy();
    t.advance((second.dueAtMs - t.deps.now()) / 1000 + 1);
    await expireOverdue(t.deps);
    expect(await statement(t.deps.db, "SELECT status FROM escalations WHERE id = ?").value(second.id)).toBe("expired");
    expect(await outbox(t)).toEqual([]);
  });
});
