import { beforeEach, describe, expect, it } from "vitest";
import { statement } from "../../lib/prepared";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { verifyAuditLog } from "../../audit/verify";
import { receiveEscalation } from "../escalations/receive";
import type { UserSummary } from "../users/queries";

let t: Awaited<ReturnType<typeof testDeps>>;
let lead: UserSummary;
let systemId: string;
let escalationId: string;

const incident = (overrides: Record<string, unknown> = {}) => ({
  systemId,
  title: "Refunds refused to one postcode",
  description: "Customers of one postcode were refused refunds they were entitled to; two complained to the regulator.",
  kind: "serious_incident" as const,
  severity: "high" as const,
  occurredAt: "2026-11-21T12:00:00Z",
  awareAt: "2026-11-22T08:00:00Z",
  escalations: ["order-1"],
  ...overrides,
});

const auditOf = (action: string) =>
  statement(t.deps.db, "SELECT entity_type AS entityType, entity_id AS entityId, payload FROM audit_log WHERE action = ? ORDER BY seq").all<{
    entityType: string;
    entityId: string;
    payload: string;
  }>(action);

beforeEach(async () => {
  t = testDeps();
  lead = await addUser(t.deps, "lena@example.com", ["lead"]);
  systemId = (await addSystem(t.deps)).system.id;
  escalationId = (await receiveEscalation(t.deps, systemId, escalationBody({ externalId: "order-1" }))).id;
});

describe("recording an incident", () => {
  it("links escalations by externalId or id, starts the kind's clock at awareness, and is audited without its text", async () => {
    const caller = callerFor(t.deps, lead);
    const { id, reportDueAt } = await caller.incidents.record(incident({ escalations: ["order-1", escalationId] }));
    expect(reportDueAt).toBe("2026-12-07T08:00:00.000Z");
    const detail = await caller.incidents.get({ incidentId: id });
    expect(detail).toMatchObject({ status: "open", kind: "serious_incident", overdue: false, holdActive: true, escalationCount: 1, recordedBy: "lena" });
    expect(detail.escalations.map((e) => e.externalId)).toEqual(["order-1"]);
    const [entry] = await auditOf("incident.recorded");
    expect(entry).toMatchObject({ entityType: "incident", entityId: id });
    expect(JSON.parse(entry!.payload)).toMatchObject({ kind: "serious_incident", reportDueAt: "2026-12-07T08:00:00.000Z", escalationIds: [escalationId] });
    expect(entry!.payload).not.toContain("postcode");
    expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
  });

  it.each([
    ["critical_infrastructure_or_widespread", "2026-11-24T08:00:00.000Z"],
    ["death", "2026-12-02T08:00:00.000Z"],
    ["malfunction", null],
  ] as const)("a %s gets its own clock", async (kind, due) => {
    const { id } = await callerFor(t.deps, lead).incidents.record(incident({ kind }));
    expect((await callerFor(t.deps, lead).incidents.get({ incidentId: id })).reportDueAt).toBe(due);
  });

  it("refuses an escalation of another AI system, naming it", async () => {
    const other = (await addSystem(t.deps, "loan-approval")).system.id;
    await receiveEscalation(t.deps, other, escalationBody({ externalId: "loan-9" }));
    await expect(callerFor(t.deps, lead).incidents.record(incident({ escalations: ["loan-9"] }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/no escalation of this AI system has the id or externalId "loan-9"/),
    });
    expect(await auditOf("incident.recorded")).toEqual([]);
  });

  it("refuses an awareness in the future: the clock cannot start later than now", async () => {
    await expect(callerFor(t.deps, lead).incidents.record(incident({ awareAt: "2026-11-23T00:00:00Z" }))).rejects.toMatchObject({
      message: expect.stringMatching(/awareAt must not be in the future/),
    });
  });
});

describe("notifications and the overdue flag", () => {
  it("flags the incident on the lead's dashboard once the deadline passes without a report to the authority", async () => {
    const caller = callerFor(t.deps, lead);
    const { id } = await caller.incidents.record(incident({ kind: "critical_infrastructure_or_widespread" }));
    // Informing the provider does not stop the authority's clock.
    await caller.incidents.recordNotification({ incidentId: id, party: "provider", recipient: "Acme AI GmbH, incident desk", notifiedAt: "2026-11-22T08:30:00Z" });
    expect(await caller.incidents.overdue()).toEqual([]);
    t.advance(2 * 86_400 - 7200); // 2026-11-24T08:00 is the deadline; the clock now reads 07:00 that day
    expect(await caller.incidents.overdue()).toEqual([]);
    t.advance(3600);
    expect((await caller.incidents.overdue()).map((i) => i.id)).toEqual([id]);
    expect((await caller.incidents.list({})).find((i) => i.id === id)).toMatchObject({ overdue: true, status: "open" });

    const report = await caller.incidents.recordNotification({
      incidentId: id,
      party: "market_surveillance_authority",
      recipient: "Bundesnetzagentur, AI market surveillance",
      notifiedAt: new Date(t.deps.now()).toISOString(),
      note: "Initial report (Art. 73(5)), reference BNetzA-2026-117",
    });
    expect(report.status).toBe("reported");
    expect(await caller.incidents.overdue()).toEqual([]);
    const detail = await caller.incidents.get({ incidentId: id });
    expect(detail).toMatchObject({ status: "reported", overdue: false, authorityNotifiedAt: "2026-11-24T08:00:00.000Z" });
    expect(detail.notifications.map((n) => n.party)).toEqual(["provider", "market_surveillance_authority"]);
    const entries = (await auditOf("incident.notified")).map((e) => JSON.parse(e.payload) as Record<string, unknown>);
    expect(entries).toMatchObject([
      { party: "provider", late: false, status: "open" },
      { party: "market_surveillance_authority", status: "reported" },
    ]);
    expect(JSON.stringify(entries)).not.toContain("Bundesnetzagentur");
  });

  it("a malfunction has no deadline: it is never overdue, and informing the provider reports it (Art. 26(5))", async () => {
    const caller = callerFor(t.deps, lead);
    const { id } = await caller.incidents.record(incident({ kind: "malfunction" }));
    t.advance(365 * 86_400);
    expect(await caller.incidents.overdue()).toEqual([]);
    await caller.incidents.recordNotification({ incidentId: id, party: "provider", recipient: "Acme AI GmbH", notifiedAt: new Date(t.deps.now()).toISOString() });
    expect((await caller.incidents.get({ incidentId: id })).status).toBe("reported");
  });

  it("refuses a notification dated in the future or to a closed incident", async () => {
    const caller = callerFor(t.deps, lead);
    const { id } = await caller.incidents.record(incident());
    await expect(
      caller.incidents.recordNotification({ incidentId: id, party: "provider", recipient: "Acme AI GmbH", notifiedAt: "2026-11-23T09:00:00Z" }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/notifiedAt must not be in the future/) });
    await caller.incidents.close({ incidentId: id, reason: "Provider fixed the model; no further action" });
    await expect(
      caller.incidents.recordNotification({ incidentId: id, party: "provider", recipient: "Acme AI GmbH", notifiedAt: "2026-11-22T08:30:00Z" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/the incident is closed/) });
    await expect(caller.incidents.close({ incidentId: id, reason: "Closing it a second time" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await auditOf("incident.closed")).toHaveLength(1);
  });
});

describe("who may do what with incidents", () => {
  it("an admin records incidents and an auditor reads them", async () => {
    const admin = await addUser(t.deps, "ada@example.com", ["admin"]);
    const auditor = await addUser(t.deps, "audrey@example.com", ["auditor"]);
    const { id } = await callerFor(t.deps, admin).incidents.record(incident());
    expect((await callerFor(t.deps, auditor).incidents.list({})).map((i) => i.id)).toEqual([id]);
  });

  it("a reviewer cannot record an incident, nor read incidents", async () => {
    const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"]);
    await expect(callerFor(t.deps, reviewer).incidents.record(incident())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(t.deps, reviewer).incidents.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an auditor cannot record an incident, a notification, close one or release its hold", async () => {
    const { id } = await callerFor(t.deps, lead).incidents.record(incident());
    const auditor = callerFor(t.deps, await addUser(t.deps, "audrey@example.com", ["auditor"]));
    await expect(auditor.incidents.record(incident())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      auditor.incidents.recordNotification({ incidentId: id, party: "provider", recipient: "Acme AI GmbH", notifiedAt: "2026-11-22T08:30:00Z" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(auditor.incidents.close({ incidentId: id, reason: "Not mine to close at all" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(auditor.incidents.releaseHold({ incidentId: id, reason: "Not mine to release at all" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a signed-out visitor cannot read incidents", async () => {
    await expect(callerFor(t.deps, null).incidents.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
