import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { reportOverdue, type IncidentDetail, type IncidentSummary } from "@countersign/shared/incidents";
import type { Db, Tx } from "../../db/client";
import { dialectFor, dialectOf, type Dialect } from "../../db/dialect";
import { escalations } from "../../db/schema/escalations";
import { incidentEscalations, incidentNotifications, incidents } from "../../db/schema/incidents";
import { aiSystems } from "../../db/schema/systems";
import { users } from "../../db/schema/users";
import { AppError } from "../../lib/errors";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The seq of the audit entry that recorded a notification (`n`: the incident_notifications row's
 * name in the query): the order notifications were recorded in, on either engine.
 */
export const notificationAuditSeq = (d: Dialect, n: string) =>
  `(SELECT a.seq FROM audit_log a WHERE a.entity_type = 'incident' AND a.entity_id = ${n}.incident_id
       AND a.action = 'incident.notified' AND ${d.jsonText("a.payload", "notificationId")} = ${n}.id)`;
const recordingOrder = {
  sqlite: sql.raw(notificationAuditSeq(dialectFor("sqlite"), "incident_notifications")),
  postgres: sql.raw(notificationAuditSeq(dialectFor("postgres"), "incident_notifications")),
};

export async function incidentRow(db: Db | Tx, id: string) {
  const row = await db.select().from(incidents).where(eq(incidents.id, id)).get();
  if (!row) throw new AppError("NOT_FOUND", "no such incident", [{ path: "incidentId", message: "no incident has this id" }]);
  return row;
}

/** Incidents newest first, each with its clock: when the report is due and whether it is overdue. */
export async function listIncidents(db: Db, now: number, filter: { systemId?: string } = {}): Promise<IncidentSummary[]> {
  return summaries(db, now, filter.systemId ? eq(incidents.systemId, filter.systemId) : undefined);
}

/**
 * Incidents whose report to the market surveillance authority is past its Art. 73 deadline with
 * none recorded: the lead's dashboard flags them. Closed ones too: closing does not report.
 */
export async function overdueIncidents(db: Db, now: number): Promise<IncidentSummary[]> {
  return (await listIncidents(db, now)).filter((i) => i.overdue);
}

export async function incidentDetail(db: Db, now: number, id: string): Promise<IncidentDetail> {
  const row = await incidentRow(db, id);
  const [summary] = await summaries(db, now, eq(incidents.id, id));
  const names = await nameOf(db);
  const notifications = await db
    .select()
    .from(incidentNotifications)
    .where(eq(incidentNotifications.incidentId, id))
    .orderBy(asc(incidentNotifications.notifiedAt), recordingOrder[dialectOf(db).engine])
    .all();
  const linked = await db
    .select({ id: escalations.id, externalId: escalations.externalId, status: escalations.status, receivedAt: escalations.receivedAt, purgedAt: escalations.purgedAt })
    .from(incidentEscalations)
    .innerJoin(escalations, eq(escalations.id, incidentEscalations.escalationId))
    .where(eq(incidentEscalations.incidentId, id))
    .orderBy(asc(escalations.receivedAt), asc(escalations.id))
    .all();
  return {
    ...summary!,
    description: row.description,
    recordedBy: names(row.recordedBy),
    closedAt: iso(row.closedAt),
    closeReason: row.closeReason,
    holdReleasedAt: iso(row.holdReleasedAt),
    holdReleasedBy: row.holdReleasedBy ? names(row.holdReleasedBy) : null,
    holdReleaseReason: row.holdReleaseReason,
    notifications: notifications.map((n) => ({
      id: n.id,
      party: n.party,
      recipient: n.recipient,
      notifiedAt: iso(n.notifiedAt)!,
      note: n.note,
      recordedBy: names(n.recordedBy),
      recordedAt: iso(n.recordedAt)!,
    })),
    escalations: linked.map((e) => ({ ...e, receivedAt: iso(e.receivedAt)!, purgedAt: iso(e.purgedAt) })),
  };
}

async function summaries(db: Db, now: number, where: SQL | undefined): Promise<IncidentSummary[]> {
  const rows = await db
    .select({ incident: incidents, systemSlug: aiSystems.slug })
    .from(incidents)
    .innerJoin(aiSystems, eq(aiSystems.id, incidents.systemId))
    .where(where)
    .orderBy(desc(incidents.recordedAt), desc(incidents.id))
    .all();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.incident.id);
  const authority = new Map<string, number>();
  for (const n of await db
    .select({ incidentId: incidentNotifications.incidentId, notifiedAt: incidentNotifications.notifiedAt })
    .from(incidentNotifications)
    .where(and(inArray(incidentNotifications.incidentId, ids), eq(incidentNotifications.party, "market_surveillance_authority")))
    .all()) {
    authority.set(n.incidentId, Math.min(authority.get(n.incidentId) ?? Infinity, n.notifiedAt));
  }
  const counts = new Map<string, number>();
  for (const link of await db.select({ incidentId: incidentEscalations.incidentId }).from(incidentEscalations).where(inArray(incidentEscalations.incidentId, ids)).all()) {
    counts.set(link.incidentId, (counts.get(link.incidentId) ?? 0) + 1);
  }
  return rows.map(({ incident: i, systemSlug }) => {
    const clock = { reportDueAt: iso(i.reportDueAt), authorityNotifiedAt: iso(authority.get(i.id) ?? null) };
    return {
      id: i.id,
      systemId: i.systemId,
      systemSlug,
      title: i.title,
      kind: i.kind,
      severity: i.severity,
      status: i.status,
      occurredAt: iso(i.occurredAt)!,
      awareAt: iso(i.awareAt)!,
      ...clock,
      overdue: reportOverdue(clock, now),
      holdActive: i.holdReleasedAt === null,
      escalationCount: counts.get(i.id) ?? 0,
      recordedAt: iso(i.recordedAt)!,
    };
  });
}

async function nameOf(db: Db) {
  const names = new Map(
    (await db
      .select({ id: users.id, name: users.name })
      .from(users)
      .all())
      .map((u) => [u.id, u.name]),
  );
  return (id: string) => names.get(id) ?? id;
}
