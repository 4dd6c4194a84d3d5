import type { Db } from "../../db/client";
import { dialectFor, dialectOf, type Dialect } from "../../db/dialect";
import type { AuditLine } from "../../audit/walk";
import { statement } from "../../lib/prepared";
import { notificationAuditSeq } from "./queries";
import { escalationColumns, escalationLine, verificationColumnsOf, verificationLine } from "../export/lines";

type EscalationRow = Parameters<typeof escalationLine>[0];
type VerificationRow = Parameters<typeof verificationLine>[0];

/*
 * The rows an incident pack carries, read by the incident's links rather than by a period. They
 * turn into the proof pack's own lines (lines.ts), so a provider reads one format in both packs.
 * Each text is built once per engine (statements are cached by their text).
 */
const escalationsText = (d: Dialect) =>
  `SELECT ${escalationColumns("", d)}
     FROM escalations e
    WHERE e.id IN (SELECT escalation_id FROM incident_escalations WHERE incident_id = ?)
    ORDER BY e.received_at, e.id`;
const verificationsText = (d: Dialect) =>
  `SELECT ${verificationColumnsOf(d)}
     FROM verifications v
     JOIN users u ON u.id = v.reviewer_id
     LEFT JOIN qualifications q ON q.id = v.qualification_id
    WHERE v.escalation_id IN (SELECT escalation_id FROM incident_escalations WHERE incident_id = ?)
    ORDER BY v.decided_at, v.id`;
const perEngine = (text: (d: Dialect) => string) => ({ sqlite: text(dialectFor("sqlite")), postgres: text(dialectFor("postgres")) });
const escalationsSql = perEngine(escalationsText);
const verificationsSql = perEngine(verificationsText);

export function linkedEscalationRows(db: Db, incidentId: string): Promise<EscalationRow[]> {
  return statement(db, escalationsSql[dialectOf(db).engine]).all<EscalationRow>(incidentId);
}

export function linkedVerificationRows(db: Db, incidentId: string): Promise<VerificationRow[]> {
  return statement(db, verificationsSql[dialectOf(db).engine]).all<VerificationRow>(incidentId);
}

/** The full audit entries about the incident and about each linked escalation, in chain order. */
export function linkedAuditRows(db: Db, incidentId: string): Promise<AuditLine[]> {
  return statement(
    db,
    `SELECT seq, at, actor_type AS actorType, actor_id AS actorId, action, entity_type AS entityType, entity_id AS entityId,
            payload, prev_hash AS prevHash, hash
       FROM audit_log
      WHERE (entity_type = 'incident' AND entity_id = :incidentId)
         OR (entity_type = 'escalation' AND entity_id IN (SELECT escalation_id FROM incident_escalations WHERE incident_id = :incidentId))
      ORDER BY seq`,
  ).all<AuditLine>({ incidentId });
}

const notificationsText = (d: Dialect) =>
  `SELECT n.id, n.party, n.recipient, n.notified_at AS notifiedAt, n.note, n.recorded_by AS recordedBy, u.name AS recordedByName,
          n.recorded_at AS recordedAt, ${notificationAuditSeq(d, "n")} AS auditSeq
     FROM incident_notifications n JOIN users u ON u.id = n.recorded_by
    WHERE n.incident_id = ?
    ORDER BY n.notified_at, "auditSeq"`;
const notificationsSql = perEngine(notificationsText);

/** Each notification of the incident, with the seq of the audit entry that recorded it. */
export async function notificationLines(db: Db, incidentId: string) {
  const rows = await statement(db, notificationsSql[dialectOf(db).engine]).all<{ notifiedAt: number; recordedAt: number }>(incidentId);
  return rows.map((n) => ({ ...n, notifiedAt: new Date(n.notifiedAt).toISOString(), recordedAt: new Date(n.recordedAt).toISOString() }));
}
