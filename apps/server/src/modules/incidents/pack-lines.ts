import type { Db } from "../../db/client";
import type { AuditLine } from "../../audit/walk";
import { escalationLine, verificationLine } from "../export/lines";

type EscalationRow = Parameters<typeof escalationLine>[0];
type VerificationRow = Parameters<typeof verificationLine>[0];

/**
 * The rows an incident pack carries, read by the incident's links rather than by a period. They
 * turn into the proof pack's own lines (lines.ts), so a provider reads one format in both packs.
 */
export function linkedEscalationRows(db: Db, incidentId: string): EscalationRow[] {
  return db.$client
    .prepare(
      `SELECT id, external_id AS externalId, system_id AS systemId, request_hash AS requestHash, input_json AS inputJson,
              ai_output_json AS aiOutputJson, confidence, model, reason_code AS reasonCode, reason_explanation AS reasonExplanation,
              context_summary AS contextSummary, evidence, priority, due_at AS dueAt, metadata, status, received_at AS receivedAt,
              decided_at AS decidedAt, disputed_at AS disputedAt, purged_at AS purgedAt, gold_item_id AS goldItemId,
              decision_fetched_at AS decisionFetchedAt, round, use_period_start AS usePeriodStart, use_period_end AS usePeriodEnd,
              reference_database AS referenceDatabase, matched_input_json AS matchedInputJson,
              (SELECT json_group_array(json_object(
                        'id', o.id, 'round', o.round, 'reopenedAt', o.reopened_at, 'reopenedBy', o.reopened_by, 'reopenedByName', o.name,
                        'reason', o.reason, 'qualificationId', o.qualification_id, 'previousDecidedAt', o.previous_decided_at,
                        'previousDecisionFetchedAt', o.previous_decision_fetched_at, 'previousDisputedAt', o.previous_disputed_at,
                        'auditSeq', (SELECT a.seq FROM audit_log a WHERE a.entity_type = 'escalation' AND a.entity_id = e.id
                                        AND a.action = 'escalation.reopened' AND json_extract(a.payload, '$.reopeningId') = o.id)))
                 FROM (SELECT r.*, u.name FROM reopenings r JOIN users u ON u.id = r.reopened_by
                        WHERE r.escalation_id = e.id ORDER BY r.round) o) AS reopenings
         FROM escalations e
        WHERE e.id IN (SELECT escalation_id FROM incident_escalations WHERE incident_id = ?)
        ORDER BY e.received_at, e.id`,
    )
    .all(incidentId) as EscalationRow[];
}

export function linkedVerificationRows(db: Db, incidentId: string): VerificationRow[] {
  return db.$client
    .prepare(
      `SELECT v.id, v.escalation_id AS escalationId, v.system_id AS systemId, v.reviewer_id AS reviewerId, u.name AS reviewerName,
              v.claimed_at AS claimedAt, v.decided_at AS decidedAt, v.active_seconds AS activeSeconds,
              v.required_dwell_seconds AS requiredDwellSeconds, v.outcome, v.rationale, v.corrected_output AS correctedOutput,
              v.checklist, v.evidence_opened AS evidenceOpened, v.supporting_evidence AS supportingEvidence,
              v.judgement_verdict AS judgementVerdict, v.switched_to_ai AS switchedToAi, v.rationale_similarity AS rationaleSimilarity,
              v.attention_correct AS attentionCorrect, v.gold_caught AS goldCaught, v.content_sha256 AS contentSha256,
              v.qualification_id AS qualificationId, v.round, v.superseded_at AS supersededAt, v.instructions_version_id AS instructionsVersionId, q.training, q.obtained_at AS obtainedAt, q.expires_at AS expiresAt, q.authority,
              (SELECT a.seq FROM audit_log a WHERE a.entity_type = 'escalation' AND a.entity_id = v.escalation_id
                  AND json_extract(a.payload, '$.verificationId') = v.id) AS auditSeq
         FROM verifications v
         JOIN users u ON u.id = v.reviewer_id
         LEFT JOIN qualifications q ON q.id = v.qualification_id
        WHERE v.escalation_id IN (SELECT escalation_id FROM incident_escalations WHERE incident_id = ?)
        ORDER BY v.decided_at, v.id`,
    )
    .all(incidentId) as VerificationRow[];
}

/** The full audit entries about the incident and about each linked escalation, in chain order. */
export function linkedAuditRows(db: Db, incidentId: string): AuditLine[] {
  return db.$client
    .prepare(
      `SELECT seq, at, actor_type AS actorType, actor_id AS actorId, action, entity_type AS entityType, entity_id AS entityId,
              payload, prev_hash AS prevHash, hash
         FROM audit_log
        WHERE (entity_type = 'incident' AND entity_id = :incidentId)
           OR (entity_type = 'escalation' AND entity_id IN (SELECT escalation_id FROM incident_escalations WHERE incident_id = :incidentId))
        ORDER BY seq`,
    )
    .all({ incidentId }) as AuditLine[];
}

/** Each notification of the incident, with the seq of the audit entry that recorded it. */
export function notificationLines(db: Db, incidentId: string) {
  const rows = db.$client
    .prepare(
      `SELECT n.id, n.party, n.recipient, n.notified_at AS notifiedAt, n.note, n.recorded_by AS recordedBy, u.name AS recordedByName,
              n.recorded_at AS recordedAt,
              (SELECT a.seq FROM audit_log a WHERE a.entity_type = 'incident' AND a.entity_id = n.incident_id
                  AND json_extract(a.payload, '$.notificationId') = n.id) AS auditSeq
         FROM incident_notifications n JOIN users u ON u.id = n.recorded_by
        WHERE n.incident_id = ?
        ORDER BY n.notified_at, n.rowid`,
    )
    .all(incidentId) as { notifiedAt: number; recordedAt: number }[];
  return rows.map((n) => ({ ...n, notifiedAt: new Date(n.notifiedAt).toISOString(), recordedAt: new Date(n.recordedAt).toISOString() }));
}
