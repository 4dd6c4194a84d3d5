import { describe, expect, it } from "vitest";
import { operator } from "../../lib/context";
import { decideAs } from "../../testing/operations";
import { statement } from "../../lib/prepared";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { verifyAuditLog } from "../../audit/verify";
import { receiveEscalation } from "../escalations/receive";
import { findForSystem } from "../escalations/resource";
import { purgeExpired } from "../retention/purge";

const countOf = (t: Awaited<ReturnType<typeof testDeps>>, sql: string, ...params: unknown[]) => statement(t.deps.db, sql).value<number>(...params);

describe("an incident's legal hold against the retention purge", () => {
  it("retention skips the escalations linked to an incident while its hold is in force, and purges them once it is released", async () => {
    const t = testDeps();
    const { system } = await addSystem(t.deps, "refund-triage", { retentionMonths: 6 });
    const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"]);
    const lead = callerFor(t.deps, await addUser(t.deps, "lena@example.com", ["lead"]));
    const held = (await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "held" }))).id;
    const free = (await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "free" }))).id;
    await decideAs(t, reviewer, held, "approved");
    await decideAs(t, reviewer, free, "approved");
    const { id: incidentId } = await lead.incidents.record({
      systemId: system.id,
      title: "Refund approved on a forged receipt",
      description: "A forged receipt passed review and the bank reported fraud weeks later.",
      kind: "serious_incident",
      severity: "high",
      occurredAt: "2026-11-22T09:00:00Z",
      awareAt: "2026-11-22T09:00:00Z",
      escalations: ["held"],
    });
    const auditedBefore = await countOf(t, "SELECT count(*) FROM audit_log WHERE entity_id = ?", held);

    t.advance(200 * 86_400);
    expect((await purgeExpired(t.deps, operator, { dryRun: false })).systems).toEqual([expect.objectContaining({ escalations: 1, verifications: 1, held: 1 })]);
    expect((await findForSystem(t.deps.db, system.id, { id: held })).purgedAt).toBeUndefined();
    expect((await findForSystem(t.deps.db, system.id, { id: free })).purgedAt).toEqual(expect.any(String));
    expect(await countOf(t, "SELECT count(*) FROM verifications WHERE escalation_id = ?", held)).toBe(1);
    expect(await countOf(t, "SELECT count(*) FROM audit_log WHERE entity_id = ?", held)).toBe(auditedBefore);
    // Closing the incident does not release the hold.
    await lead.incidents.close({ incidentId, reason: "Provider retrained the model; case handed to legal" });
    expect((await purgeExpired(t.deps, operator, { dryRun: false })).systems).toEqual([expect.objectContaining({ escalations: 0, held: 1 })]);

    await lead.incidents.releaseHold({ incidentId, reason: "Legal closed the matter on 1 June" });
    const release = await statement(t.deps.db, "SELECT actor_id AS actorId, payload FROM audit_log WHERE action = 'incident.hold_released'").all<{ actorId: string; payload: string }>();
    expect(release).toHaveLength(1);
    expect(JSON.parse(release[0]!.payload)).toMatchObject({ reason: "Legal closed the matter on 1 June" });
    expect((await lead.incidents.get({ incidentId })).holdActive).toBe(false);
    await expect(lead.incidents.releaseHold({ incidentId, reason: "Releasing it once more" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already released/),
    });

    expect((await purgeExpired(t.deps, operator, { dryRun: false })).systems).toEqual([expect.objectContaining({ escalations: 1, held: 0 })]);
    expect((await findForSystem(t.deps.db, system.id, { id: held })).purgedAt).toEqual(expect.any(String));
    expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
  });

  it("a reviewer cannot release an incident's hold", async () => {
    const t = testDeps();
    const { system } = await addSystem(t.deps);
    const lead = callerFor(t.deps, await addUser(t.deps, "lena@example.com", ["lead"]));
    const reviewer = callerFor(t.deps, await addUser(t.deps, "rev@example.com", ["reviewer"]));
    const { id: incidentId } = await lead.incidents.record({
      systemId: system.id,
      title: "Wrong refunds",
      description: "Refunds were refused to customers who were entitled to them.",
      kind: "malfunction",
      severity: "medium",
      occurredAt: "2026-11-22T09:00:00Z",
      awareAt: "2026-11-22T09:00:00Z",
    });
    await expect(reviewer.incidents.releaseHold({ incidentId, reason: "I would rather it went" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await lead.incidents.get({ incidentId })).holdActive).toBe(true);
  });
});
