import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { decideAs } from "../../testing/operations";
import { receiveEscalation } from "../escalations/receive";
import { statement } from "../../lib/prepared";

/**
 * A system with one decided escalation (externalId "order-1042"), a lead who records requests,
 * the reviewer who decided it (qualified with review, override and stop) and an auditor.
 */
export async function requestSetting() {
  const t = testDeps();
  const { system } = await addSystem(t.deps);
  const lead = await addUser(t.deps, "lead@example.com", ["lead"]);
  const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"]);
  const auditor = await addUser(t.deps, "auditor@example.com", ["auditor"]);
  const admin = await addUser(t.deps, "admin@example.com", ["admin"]);
  const { id: escalationId } = await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "order-1042" }));
  await decideAs(t, reviewer, escalationId, "rejected");
  const request = (overrides: Record<string, unknown> = {}) => ({
    systemId: system.id,
    externalId: "order-1042",
    kind: "human_intervention" as const,
    requesterReference: "CASE-8812",
    receivedAt: new Date(t.deps.now() - 3_600_000).toISOString(),
    channel: "email" as const,
    assigneeId: reviewer.id,
    ...overrides,
  });
  return {
    t,
    system,
    escalationId,
    users: { lead, reviewer, auditor, admin },
    as: {
      lead: callerFor(t.deps, lead),
      reviewer: callerFor(t.deps, reviewer),
      auditor: callerFor(t.deps, auditor),
      admin: callerFor(t.deps, admin),
    },
    request,
    auditEntries: () =>
      statement(t.deps.db, "SELECT action, entity_id AS entityId, payload FROM audit_log WHERE action LIKE 'affected_person_request.%' ORDER BY seq").all<{
        action: string;
        entityId: string;
        payload: string;
      }>(),
  };
}
