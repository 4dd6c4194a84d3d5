import { describe, expect, it } from "vitest";
import { operator } from "../../lib/context";
import { decideAs } from "../../testing/operations";
import { statement } from "../../lib/prepared";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { verifyAuditLog } from "../../audit/verify";
import { receiveEscalation } from "../escalations/receive";
import { findForSystem } from "../escalations/resource";
import { purgeExpired } from "../retention/purge";

/** A system keeping decisions six months, a decided escalation "order-1" and another "order-2", a lead and an incident about neither yet. */
async function setting() {
  const t = testDeps();
  const { system } = await addSystem(t.deps, "refund-triage", { retentionMonths: 6 });
  const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"]);
  const leadUser = await addUser(t.deps, "lena@example.com", ["lead"]);
  const lead = callerFor(t.deps, leadUser);
  const first = (await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "order-1" }))).id;
  const second = (await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "order-2" }))).id;
  await decideAs(t, reviewer, first, "approved");
  await decideAs(t, reviewer, second, "approved");
  const { id: incidentId } = await lead.incidents.record({
    systemId: system.id,
    title: "Refunds approved on forged receipts",
    description: "Forged receipts passed review; the bank reported fraud weeks later.",
    kind: "serious_incident",
    severity: "high",
    occurredAt: "2026-11-22T09:00:00Z",
    awareAt: "2026-11-22T09:00:00Z",
  });
  const linkedAudit = () =>
    statement(t.deps.db, "SELECT actor_id AS actorId, entity_id AS entityId, payload FROM audit_log WHERE action = 'incident.escalations_linked' ORDER BY seq").all<{
      actorId: string;
      entityId: string;
      payload: string;
    }>();
  return { t, system, reviewer, leadUser, lead, first, second, incidentId, linkedAudit };
}

describe("linking escalations to an incident after it was recorded", () => {
  it("a lead links escalations by id or externalId: listed on the incident, held against the purge from then on, audited", async () => {
    const s = await setting();
    await expect(s.lead.incidents.linkEscalations({ incidentId: s.incidentId, escalations: ["order-1"] })).resolves.toEqual({ linked: [s.first], alreadyLinked: [] });
    await expect(s.lead.incidents.linkEscalations({ incidentId: s.incidentId, escalations: [s.first, s.second] })).resolves.toEqual({
      linked: [s.second],
      alreadyLinked: [s.first],
    });
    expect((await s.lead.incidents.get({ incidentId: s.incidentId })).escalations.map((e) => e.externalId).sort()).toEqual(["order-1", "order-2"]);
    const entries = await s.linkedAudit();
    expect(entries.map((e) => ({ ...e, payload: JSON.parse(e.payload) }))).toEqual([
      { actorId: s.leadUser.id, entityId: s.incidentId, payload: { systemId: s.system.id, escalationIds: [s.first] } },
      { actorId: s.leadUser.id, entityId: s.incidentId, payload: { systemId: s.system.id, escalationIds: [s.second] } },
    ]);
    // Linking nothing new changes nothing and writes nothing.
    await s.lead.incidents.linkEscalations({ incidentId: s.incidentId, escalations: ["order-2"] });
    expect(await s.linkedAudit()).toHaveLength(2);

    s.t.advance(200 * 86_400);
    await purgeExpired(s.t.deps, operator, { dryRun: false });
    expect((await findForSystem(s.t.deps.db, s.system.id, { id: s.first })).purgedAt).toBeUndefined();
    expect((await findForSystem(s.t.deps.db, s.system.id, { id: s.second })).purgedAt).toBeUndefined();
    expect((await verifyAuditLog(s.t.deps.db)).ok).toBe(true);
  });

  it("an unknown incident or escalation is refused naming the field; another system's escalation is unknown here", async () => {
    const s = await setting();
    await expect(s.lead.incidents.linkEscalations({ incidentId: "inc_nope", escalations: ["order-1"] })).rejects.toMatchObject({
      code: "NOT_FOUND",
      cause: { issues: [expect.objectContaining({ path: "incidentId" })] },
    });
    await expect(s.lead.incidents.linkEscalations({ incidentId: s.incidentId, escalations: ["order-1", "order-404"] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/"order-404"/),
      cause: { issues: [expect.objectContaining({ path: "escalations" })] },
    });
    const other = (await addSystem(s.t.deps, "kyc-check")).system;
    const foreign = (await receiveEscalation(s.t.deps, other.id, escalationBody({ externalId: "kyc-1" }))).id;
    await expect(s.lead.incidents.linkEscalations({ incidentId: s.incidentId, escalations: [foreign] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(s.lead.incidents.linkEscalations({ incidentId: s.incidentId, escalations: [] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/escalations must name at least one escalation/),
    });
    expect(await s.linkedAudit()).toEqual([]);
  });

  it("an incident whose hold was released takes no more escalations", async () => {
    const s = await setting();
    await s.lead.incidents.releaseHold({ incidentId: s.incidentId, reason: "Legal closed the matter on 1 June" });
    await expect(s.lead.incidents.linkEscalations({ incidentId: s.incidentId, escalations: ["order-1"] })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/legal hold was released .* record a new incident/),
    });
  });

  it("a reviewer and an auditor cannot link escalations to an incident", async () => {
    const s = await setting();
    for (const role of ["reviewer", "auditor"] as const) {
      const user = await addUser(s.t.deps, `${role}2@example.com`, [role]);
      await expect(callerFor(s.t.deps, user).incidents.linkEscalations({ incidentId: s.incidentId, escalations: ["order-1"] })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect(await s.linkedAudit()).toEqual([]);
  });
});
