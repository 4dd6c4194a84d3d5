import { instructionsSha256 } from "../instructions/record";
import { dialectOf } from "../../db/dialect";
import { statement } from "../../lib/prepared";
import type { PackScope } from "./lines";
import type { Snapshot } from "./snapshot";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

type InstructionsRow = {
  id: string;
  systemId: string;
  version: number;
  provider: string;
  providerContact: string;
  intendedPurpose: string;
  knownLimitations: string;
  oversightInstructions: string;
  recordedBy: string | null;
  recordedByName: string | null;
  createdAt: number;
  supersededAt: number | null;
  auditSeq: number | null;
};

/**
 * The versions of the system's instructions for use in force at any moment of the period: each is
 * in force from its recording until the next version's. Every verification of the period names one of them.
 */
export function instructionsRows(snapshot: Snapshot, scope: PackScope) {
  const text = `
    SELECT * FROM (
      SELECT i.id, i.system_id AS systemId, i.version, i.provider, i.provider_contact AS providerContact,
             i.intended_purpose AS intendedPurpose, i.known_limitations AS knownLimitations,
             i.oversight_instructions AS oversightInstructions, i.created_by AS recordedBy, u.name AS recordedByName,
             i.created_at AS createdAt,
             (SELECT min(n.created_at) FROM instructions_for_use n WHERE n.system_id = i.system_id AND n.version > i.version) AS supersededAt,
             (SELECT a.seq FROM audit_log a WHERE a.entity_type = 'ai_system' AND a.entity_id = i.system_id
                 AND a.action = 'instructions.versioned' AND ${dialectOf(snapshot.db).jsonText("a.payload", "instructionsId")} = i.id) AS auditSeq
        FROM instructions_for_use i LEFT JOIN users u ON u.id = i.created_by
       WHERE i.system_id = :systemId AND i.created_at < :to) versions
     WHERE "supersededAt" IS NULL OR "supersededAt" > :from
     ORDER BY version`;
  return snapshot.stream<InstructionsRow>(text, { systemId: scope.systemId, from: scope.from, to: scope.to });
}

export function instructionsLine({ createdAt, supersededAt, ...row }: InstructionsRow) {
  return {
    ...row,
    inForceFrom: iso(createdAt),
    /** null: still in force when the pack was made. */
    inForceUntil: iso(supersededAt),
    /** SHA-256 of the five texts' canonical JSON: what the version's audit entry (auditSeq) recorded. */
    contentSha256: instructionsSha256(row),
  };
}

type AcknowledgementRow = { reviewerId: string; reviewerName: string; noticeVersion: number; noticeSha256: string; acknowledgedAt: number };

/**
 * Acknowledgements of the monitoring notice, recorded before the period's end, by everyone who
 * verified this system's escalations in the period: which version of the notice each had read.
 */
export function acknowledgementRows(snapshot: Snapshot, scope: PackScope) {
  const text = `
    SELECT m.user_id AS reviewerId, u.name AS reviewerName, m.notice_version AS noticeVersion,
           m.notice_sha256 AS noticeSha256, m.acknowledged_at AS acknowledgedAt
      FROM monitoring_acknowledgements m JOIN users u ON u.id = m.user_id
     WHERE m.acknowledged_at < :to
       AND m.user_id IN (SELECT v.reviewer_id FROM verifications v WHERE v.system_id = :systemId AND v.decided_at >= :from AND v.decided_at < :to)
     ORDER BY m.acknowledged_at, m.user_id, m.notice_version`;
  return snapshot.stream<AcknowledgementRow>(text, { systemId: scope.systemId, from: scope.from, to: scope.to });
}

export function acknowledgementLine(row: AcknowledgementRow) {
  return { ...row, acknowledgedAt: iso(row.acknowledgedAt) };
}

/** For the report: how many versions were in force, and how many of the period's reviewers had acknowledged the notice by its end. */
export async function oversightCoverage(snapshot: Snapshot, scope: PackScope): Promise<{ reviewers: number; acknowledged: number }> {
  const text = `SELECT count(*) AS reviewers,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM monitoring_acknowledgements m WHERE m.user_id = r.reviewer_id AND m.acknowledged_at < :to)) AS acknowledged
         FROM (SELECT DISTINCT reviewer_id FROM verifications WHERE system_id = :systemId AND decided_at >= :from AND decided_at < :to) r`;
  return (await statement(snapshot.db, text).get<{ reviewers: number; acknowledged: number }>({ systemId: scope.systemId, from: scope.from, to: scope.to }))!;
}
