import { art12Fields } from "../escalations/resource";
import { contentHash, entryHash, type ChainedEntry } from "../../audit/chain";
import type { AuditLine, RedactedAuditLine } from "../../audit/walk";
import { dialectFor, dialectOf, type Dialect } from "../../db/dialect";
import { statement } from "../../lib/prepared";
import type { Snapshot } from "./snapshot";

/** The period and the slice of the hash chain a pack covers. */
export type PackScope = {
  systemId: string;
  from: number;
  to: number;
  /** The chain segment: the entry before the period, through the first checkpoint covering its end. */
  fromSeq: number;
  toSeq: number;
};

/**
 * The chain segment: from the entry before the period (its hash anchors the first entry's link)
 * through the first signed checkpoint at or after the period's last entry, so every entry in
 * the pack is covered by a signature.
 */
export async function chainSegment(snapshot: Snapshot, from: number, to: number): Promise<{ fromSeq: number; toSeq: number }> {
  const db = snapshot.db;
  const [fromIso, toIso] = [new Date(from).toISOString(), new Date(to).toISOString()];
  const inPeriod = (await statement(db, "SELECT min(seq) AS first, max(seq) AS last FROM audit_log WHERE at >= ? AND at < ?").get<{
    first: number | null;
    last: number | null;
  }>(fromIso, toIso))!;
  const before = (await statement(db, "SELECT max(seq) FROM audit_log WHERE at < ?").value<number | null>(fromIso)) ?? null;
  const fromSeq = inPeriod.first !== null ? Math.max(1, inPeriod.first - 1) : (before ?? 1);
  const lastNeeded = inPeriod.last ?? fromSeq;
  const covering = await statement(db, "SELECT size FROM checkpoints WHERE size >= ? ORDER BY size LIMIT 1").value<number>(lastNeeded);
  const head = (await statement(db, "SELECT max(seq) FROM audit_log").value<number | null>()) ?? 0;
  return { fromSeq, toSeq: covering ?? head };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

type EscalationRow = {
  id: string;
  externalId: string;
  systemId: string;
  requestHash: string;
  inputJson: string;
  aiOutputJson: string;
  confidence: number;
  model: string;
  reasonCode: string;
  reasonExplanation: string;
  contextSummary: string;
  evidence: string | null;
  priority: string;
  dueAt: string | null;
  metadata: string | null;
  status: string;
  receivedAt: number;
  decidedAt: number | null;
  disputedAt: number | null;
  purgedAt: number | null;
  goldItemId: string | null;
  decisionFetchedAt: number | null;
  round: number;
  /** JSON: the reopenings in the period (Art. 14(4)(d)), oldest first. */
  reopenings: string;
  usePeriodStart: string | null;
  usePeriodEnd: string | null;
  referenceDatabase: string | null;
  matchedInputJson: string | null;
};

/**
 * An escalation line's columns, read by the proof pack and the incident pack alike (one format in
 * both): `reopenedIn` narrows the reopenings listed (the pack's period), empty for all of them.
 * `d`: the engine the text is for (SQLite's unless said).
 */
export const escalationColumns = (reopenedIn: string, d: Dialect = dialectFor("sqlite")) => `id, external_id AS externalId, system_id AS systemId, request_hash AS requestHash, input_json AS inputJson,
           ai_output_json AS aiOutputJson, confidence, model, reason_code AS reasonCode, reason_explanation AS reasonExplanation,
           context_summary AS contextSummary, evidence, priority, due_at AS dueAt, metadata, status, received_at AS receivedAt,
           decided_at AS decidedAt, disputed_at AS disputedAt, purged_at AS purgedAt, gold_item_id AS goldItemId,
           decision_fetched_at AS decisionFetchedAt, round, use_period_start AS usePeriodStart, use_period_end AS usePeriodEnd,
           reference_database AS referenceDatabase, matched_input_json AS matchedInputJson,
           (SELECT ${d.jsonGroupArray(
             d.jsonObject(`
                     'id', o.id, 'round', o.round, 'reopenedAt', o.reopened_at, 'reopenedBy', o.reopened_by, 'reopenedByName', o.name,
                     'reason', o.reason, 'qualificationId', o.qualification_id, 'previousDecidedAt', o.previous_decided_at,
                     'previousDecisionFetchedAt', o.previous_decision_fetched_at, 'previousDisputedAt', o.previous_disputed_at, 'previousDueAt', o.previous_due_at,
                     'auditSeq', (SELECT a.seq FROM audit_log a WHERE a.entity_type = 'escalation' AND a.entity_id = e.id
                                     AND a.action = 'escalation.reopened' AND ${d.jsonText("a.payload", "reopeningId")} = o.id)`),
             "o.round",
           )}
              FROM (SELECT r.*, u.name FROM reopenings r JOIN users u ON u.id = r.reopened_by
                     WHERE r.escalation_id = e.id${reopenedIn}) o) AS reopenings`;

/** A verification line's columns, with its audit entry's seq and its qualification (alias q), for the engine of `d`. */
export const verificationColumnsOf = (d: Dialect) => `v.id, v.escalation_id AS escalationId, v.system_id AS systemId, v.reviewer_id AS reviewerId, u.name AS reviewerName,
           v.claimed_at AS claimedAt, v.decided_at AS decidedAt, v.active_seconds AS activeSeconds,
           v.required_dwell_seconds AS requiredDwellSeconds, v.outcome, v.rationale, v.corrected_output AS correctedOutput,
           v.checklist, v.evidence_opened AS evidenceOpened, v.supporting_evidence AS supportingEvidence,
           v.judgement_verdict AS judgementVerdict, v.switched_to_ai AS switchedToAi, v.rationale_similarity AS rationaleSimilarity,
           v.attention_correct AS attentionCorrect, v.gold_caught AS goldCaught, v.content_sha256 AS contentSha256,
           v.qualification_id AS qualificationId, v.round, v.superseded_at AS supersededAt, v.instructions_version_id AS instructionsVersionId, q.training, q.obtained_at AS obtainedAt, q.expires_at AS expiresAt, q.authority,
           (SELECT a.seq FROM audit_log a WHERE a.entity_type = 'escalation' AND a.entity_id = v.escalation_id
               AND ${d.jsonText("a.payload", "verificationId")} = v.id) AS auditSeq`;

/** Escalations received in the period, and those verified in it. */
export function escalationRows(snapshot: Snapshot, scope: PackScope) {
  const text = `
    SELECT ${escalationColumns(" AND r.reopened_at >= :from AND r.reopened_at < :to", dialectOf(snapshot.db))}
      FROM escalations e
     WHERE e.system_id = :systemId
       AND ((e.received_at >= :from AND e.received_at < :to)
            OR e.id IN (SELECT v.escalation_id FROM verifications v WHERE v.system_id = :systemId AND v.decided_at >= :from AND v.decided_at < :to)
            OR e.id IN (SELECT r.escalation_id FROM reopenings r WHERE r.reopened_at >= :from AND r.reopened_at < :to))
     ORDER BY e.received_at, e.id`;
  return snapshot.stream<EscalationRow>(text, { systemId: scope.systemId, from: scope.from, to: scope.to });
}

/** The content the review screen shows: the same object whose SHA-256 each verification records. */
export function shownContentOf(row: EscalationRow) {
  return {
    input: JSON.parse(row.inputJson) as unknown,
    aiOutput: JSON.parse(row.aiOutputJson) as unknown,
    confidence: row.confidence,
    model: row.model,
    escalationReason: { code: row.reasonCode, explanation: row.reasonExplanation },
    contextSummary: row.contextSummary,
    evidence: row.evidence ? (JSON.parse(row.evidence) as unknown[]) : [],
    // The Art. 12(3) fields, only when sent: the same object the review screen's digest covers (reviews/shown-content.ts).
    ...art12Fields(row),
  };
}

export function escalationLine(row: EscalationRow, contentSha256: (content: unknown) => string) {
  const content = shownContentOf(row);
  return {
    id: row.id,
    externalId: row.externalId,
    systemId: row.systemId,
    gold: row.goldItemId !== null,
    receivedAt: iso(row.receivedAt),
    status: row.status,
    decidedAt: iso(row.decidedAt),
    /** When the AI system first read the decision over REST; null: not fetched (yet). */
    decisionFetchedAt: iso(row.decisionFetchedAt),
    disputedAt: iso(row.disputedAt),
    purgedAt: iso(row.purgedAt),
    /** The review round in force; each reopening in the period superseded the round before it (verifications.jsonl: round, supersededAt). */
    round: row.round,
    reopenings: (JSON.parse(row.reopenings) as Record<string, number | string | null>[]).map((o) => ({
      ...o,
      reopenedAt: iso(o.reopenedAt as number),
      previousDecidedAt: iso(o.previousDecidedAt as number),
      previousDecisionFetchedAt: iso(o.previousDecisionFetchedAt as number | null),
      previousDisputedAt: iso(o.previousDisputedAt as number | null),
    })),
    priority: row.priority,
    dueAt: row.dueAt,
    metadata: row.metadata ? (JSON.parse(row.metadata) as unknown) : null,
    requestHash: row.requestHash,
    content,
    shownContentSha256: contentSha256(content),
  };
}

type VerificationRow = Record<string, unknown> & { authority: string | null; checklist: string; evidenceOpened: string; supportingEvidence: string | null };

/** Verifications decided in the period, each with the seq of its audit entry and the qualification it was made under. */
export function verificationRows(snapshot: Snapshot, scope: PackScope) {
  const text = `
    SELECT ${verificationColumnsOf(dialectOf(snapshot.db))}
      FROM verifications v
      JOIN users u ON u.id = v.reviewer_id
      LEFT JOIN qualifications q ON q.id = v.qualification_id
     WHERE v.system_id = :systemId AND v.decided_at >= :from AND v.decided_at < :to
     ORDER BY v.decided_at, v.id`;
  return snapshot.stream<VerificationRow>(text, { systemId: scope.systemId, from: scope.from, to: scope.to });
}

export function verificationLine(row: VerificationRow) {
  // SQLite stores a boolean as 1/0; PostgreSQL hands it over as one.
  const bool = (v: unknown) => (v === null ? null : v === 1 || v === true);
  return {
    id: row.id,
    escalationId: row.escalationId,
    auditSeq: row.auditSeq,
    reviewerId: row.reviewerId,
    reviewerName: row.reviewerName,
    claimedAt: iso(row.claimedAt as number),
    decidedAt: iso(row.decidedAt as number),
    activeSeconds: row.activeSeconds,
    requiredDwellSeconds: row.requiredDwellSeconds,
    outcome: row.outcome,
    rationale: row.rationale,
    correctedOutput: row.correctedOutput,
    checklist: JSON.parse(row.checklist) as unknown,
    evidenceOpened: JSON.parse(row.evidenceOpened) as unknown,
    supportingEvidence: row.supportingEvidence ? (JSON.parse(row.supportingEvidence) as unknown) : [],
    judgementVerdict: row.judgementVerdict,
    switchedToAi: bool(row.switchedToAi),
    rationaleSimilarity: row.rationaleSimilarity,
    attentionCorrect: bool(row.attentionCorrect),
    goldCaught: bool(row.goldCaught),
    contentSha256: row.contentSha256,
    /** The escalation's review round; supersededAt: when that round's decision was reopened (kept, no longer in force). */
    round: row.round,
    supersededAt: iso(row.supersededAt as number | null),
    /** The instructions for use in force when the reviewer decided: a line of instructions-for-use.jsonl (null: none recorded then). */
    instructionsVersionId: row.instructionsVersionId,
    qualification: row.qualificationId
      ? {
          id: row.qualificationId,
          training: row.training,
          obtainedAt: iso(row.obtainedAt as number),
          expiresAt: iso(row.expiresAt as number),
          authority: JSON.parse(row.authority ?? "[]") as unknown,
        }
      : null,
  };
}

type ResolutionRow = Record<string, unknown> & { resolvedAt: number; qualificationId: string | null; authority: string | null };

/** Resolutions of disagreements in the period: who resolved, on what basis, under which qualification (override authority). */
export function resolutionRows(snapshot: Snapshot, scope: PackScope) {
  const text = `
    SELECT r.id, r.escalation_id AS escalationId, r.lead_id AS resolverId, u.name AS resolverName, r.outcome, r.rationale,
           r.corrected_output AS correctedOutput, r.resolved_at AS resolvedAt, r.basis, r.verification_id AS verificationId,
           r.qualification_id AS qualificationId, r.round, r.superseded_at AS supersededAt,
           q.training, q.obtained_at AS obtainedAt, q.expires_at AS expiresAt, q.authority,
           (SELECT a.seq FROM audit_log a WHERE a.entity_type = 'escalation' AND a.entity_id = r.escalation_id
               AND a.action = 'escalation.resolved' AND ${dialectOf(snapshot.db).jsonText("a.payload", "resolutionId")} = r.id) AS auditSeq
      FROM resolutions r JOIN escalations e ON e.id = r.escalation_id JOIN users u ON u.id = r.lead_id
      LEFT JOIN qualifications q ON q.id = r.qualification_id
     WHERE e.system_id = :systemId AND r.resolved_at >= :from AND r.resolved_at < :to
     ORDER BY r.resolved_at, r.id`;
  return snapshot.stream<ResolutionRow>(text, { systemId: scope.systemId, from: scope.from, to: scope.to });
}

export function resolutionLine({ training, obtainedAt, expiresAt, authority, ...row }: ResolutionRow) {
  return {
    ...row,
    resolvedAt: iso(row.resolvedAt),
    supersededAt: iso(row.supersededAt as number | null),
    qualification: row.qualificationId
      ? { id: row.qualificationId, training, obtainedAt: iso(obtainedAt as number), expiresAt: iso(expiresAt as number), authority: JSON.parse(authority ?? "[]") as unknown }
      : null,
  };
}

/** Which entity types belong to a system, and where to find their system. */
const ownedThrough: Record<string, string> = {
  escalation: "escalations",
  api_key: "api_keys",
  drift_alert: "drift_alerts",
  gold_item: "gold_items",
  qualification: "qualifications",
  readiness_review: "readiness_reviews",
  volume_report: "volume_reports",
  incident: "incidents",
};

/** The chain segment, each entry marked as the system's own or not. */
export function auditRows(snapshot: Snapshot, scope: PackScope) {
  const owned = Object.entries(ownedThrough)
    .map(([type, table]) => `WHEN a.entity_type = '${type}' AND EXISTS (SELECT 1 FROM ${table} o WHERE o.id = a.entity_id AND o.system_id = :systemId) THEN 1`)
    .join("\n             ");
  // 1 or 0 on both engines (a comparison is a boolean on PostgreSQL).
  const text = `
    SELECT seq, at, actor_type AS actorType, actor_id AS actorId, action, entity_type AS entityType, entity_id AS entityId,
           payload, prev_hash AS prevHash, hash,
           CASE WHEN a.entity_type = 'ai_system' AND a.entity_id = :systemId THEN 1
             ${owned}
             ELSE 0 END AS own
      FROM audit_log a WHERE seq >= :fromSeq AND seq <= :toSeq ORDER BY seq`;
  return snapshot.stream<AuditLine & { own: number }>(text, { systemId: scope.systemId, fromSeq: scope.fromSeq, toSeq: scope.toSeq });
}

/** The system's own entries in full; every other entry as its hashes only. */
export function auditLine({ own, ...row }: AuditLine & { own: number }): AuditLine | RedactedAuditLine {
  if (own === 1) return row;
  const entry = row as ChainedEntry;
  const contentSha256 = entryHash(entry) === row.hash ? contentHash(entry) : null;
  return { seq: row.seq, redacted: true, prevHash: row.prevHash, contentSha256, hash: row.hash };
}


export type CheckpointLine = { seq: number; size: number; head: string; at: string; signature: string; keyId: string };

/** Every checkpoint whose size falls inside the segment: each can be checked against the pack's own entries. */
export function checkpointRows(snapshot: Snapshot, scope: PackScope) {
  return snapshot.stream<CheckpointLine>(
    "SELECT seq, size, head, at, signature, key_id AS keyId FROM checkpoints WHERE size >= :fromSeq AND size <= :toSeq ORDER BY seq",
    { fromSeq: scope.fromSeq, toSeq: scope.toSeq },
  );
}

/** Decisions of the period, and how many of them the AI system has fetched over REST. */
export async function deliveryCounts(snapshot: Snapshot, scope: PackScope): Promise<{ decided: number; fetched: number }> {
  const text = `SELECT count(*) AS decided, count(decision_fetched_at) AS fetched FROM escalations
        WHERE system_id = ? AND gold_item_id IS NULL AND status = 'decided' AND decided_at >= ? AND decided_at < ?`;
  return (await statement(snapshot.db, text).get<{ decided: number; fetched: number }>(scope.systemId, scope.from, scope.to))!;
}
