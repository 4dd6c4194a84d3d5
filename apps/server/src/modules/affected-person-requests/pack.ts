import { dialectOf } from "../../db/dialect";
import { sha256 } from "../../lib/hash";
import { statement } from "../../lib/prepared";
import type { PackScope } from "../export/lines";
import type { Snapshot } from "../export/snapshot";

/** The proof pack's file of affected people's requests (EU AI Act Art. 86, GDPR Art. 22(3)). */
export const requestsFile = "affected-person-requests.jsonl";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

type RequestRow = {
  id: string;
  escalationId: string;
  externalId: string;
  kind: string;
  channel: string;
  requesterReference: string;
  receivedAt: number;
  dueAt: number;
  extendedByMonths: number;
  assigneeId: string;
  assigneeName: string;
  recordedBy: string;
  recordedAt: number;
  recordedAuditSeq: number | null;
  answeredAt: number | null;
  reReviewStatus: string;
  reReviewResult: string | null;
  reReviewEscalationId: string | null;
  reReviewRecordedAt: number | null;
};
type RequestWithAnswers = RequestRow & { answers: AnswerRow[] };

type AnswerRow = { requestId: string; id: string; version: number; answer: string; answeredBy: string; answeredAt: number; editReason: string | null; auditSeq: number | null };

/** The system's requests recorded, answered or re-reviewed in the period, each with its answers (read a batch of requests at a time). */
export async function* requestRows(snapshot: Snapshot, scope: PackScope): AsyncGenerator<RequestWithAnswers[]> {
  const d = dialectOf(snapshot.db);
  const text = `
    SELECT r.id, r.escalation_id AS escalationId, e.external_id AS externalId, r.kind, r.channel, r.requester_reference AS requesterReference,
           r.received_at AS receivedAt, r.due_at AS dueAt, r.extended_by_months AS extendedByMonths, r.assignee_id AS assigneeId,
           u.name AS assigneeName, r.recorded_by AS recordedBy, r.recorded_at AS recordedAt, r.answered_at AS answeredAt,
           r.re_review_status AS reReviewStatus, r.re_review_result AS reReviewResult, r.re_review_escalation_id AS reReviewEscalationId,
           r.re_review_recorded_at AS reReviewRecordedAt,
           (SELECT a.seq FROM audit_log a WHERE a.entity_type = 'escalation' AND a.entity_id = r.escalation_id
               AND a.action = 'affected_person_request.recorded' AND ${d.jsonText("a.payload", "requestId")} = r.id) AS recordedAuditSeq
      FROM affected_person_requests r JOIN escalations e ON e.id = r.escalation_id JOIN users u ON u.id = r.assignee_id
     WHERE r.system_id = :systemId
       AND ((r.recorded_at >= :from AND r.recorded_at < :to)
            OR (r.re_review_recorded_at >= :from AND r.re_review_recorded_at < :to)
            OR r.id IN (SELECT request_id FROM affected_person_request_answers WHERE answered_at >= :from AND answered_at < :to))
     ORDER BY r.recorded_at, r.id`;
  const answers = statement(
    snapshot.db,
    `SELECT v.request_id AS requestId, v.id, v.version, v.answer, v.answered_by AS answeredBy, v.answered_at AS answeredAt, v.edit_reason AS editReason,
            (SELECT a.seq FROM audit_log a JOIN affected_person_requests r ON r.id = v.request_id
              WHERE a.entity_type = 'escalation' AND a.entity_id = r.escalation_id AND ${d.jsonText("a.payload", "answerId")} = v.id) AS auditSeq
       FROM affected_person_request_answers v WHERE v.request_id ${d.inJsonList("?")} ORDER BY v.request_id, v.version`,
  );
  for await (const batch of snapshot.stream<RequestRow>(text, { systemId: scope.systemId, from: scope.from, to: scope.to })) {
    const byRequest = new Map<string, AnswerRow[]>();
    for (const answer of await answers.all<AnswerRow>(JSON.stringify(batch.map((r) => r.id)))) {
      byRequest.set(answer.requestId, [...(byRequest.get(answer.requestId) ?? []), answer]);
    }
    yield batch.map((row) => ({ ...row, answers: byRequest.get(row.id) ?? [] }));
  }
}

/**
 * One request as the pack carries it, with as little about the person as proves the handling: the
 * requester's reference, the answers and the re-review's result as SHA-256 only (the workbench
 * shows the text to those who may read it). Each fact names the audit entry that recorded it.
 */
export function requestLine(row: RequestWithAnswers) {
  return {
    id: row.id,
    escalationId: row.escalationId,
    externalId: row.externalId,
    kind: row.kind,
    channel: row.channel,
    requesterReferenceSha256: sha256(row.requesterReference),
    receivedAt: iso(row.receivedAt),
    dueAt: iso(row.dueAt),
    extendedByMonths: row.extendedByMonths,
    recordedBy: row.recordedBy,
    recordedAt: iso(row.recordedAt),
    recordedAuditSeq: row.recordedAuditSeq,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeName,
    answeredAt: iso(row.answeredAt),
    answeredInTime: row.answeredAt === null ? null : row.answeredAt <= row.dueAt,
    answers: row.answers.map((a) => ({
      id: a.id,
      version: a.version,
      answeredBy: a.answeredBy,
      answeredAt: iso(a.answeredAt),
      answerSha256: sha256(a.answer),
      edited: a.editReason !== null,
      auditSeq: a.auditSeq,
    })),
    reReview: {
      status: row.reReviewStatus,
      resultSha256: row.reReviewResult ? sha256(row.reReviewResult) : null,
      escalationId: row.reReviewEscalationId,
      recordedAt: iso(row.reReviewRecordedAt),
    },
  };
}

export type RequestLine = ReturnType<typeof requestLine>;
type Recorded = { seq: number; payload: Record<string, unknown> };

/** The audit entries verify-pack collects for this file: a request's recording, and each answer. */
export function requestEntryIds(action: string, payload: Record<string, unknown>): unknown[] {
  return [action === "affected_person_request.recorded" ? payload.requestId : undefined, payload.answerId];
}

/**
 * What verify-pack holds a line against: the entry that recorded the request and the entry of each
 * answer, where they fall in the pack's chain segment, must say the same (entries outside the
 * segment are not in the pack to compare). Null when it matches; else what differs.
 */
export function requestLineMismatch(line: RequestLine, recorded: (id: string) => Recorded | undefined, inSegment: (seq: number) => boolean): string | null {
  if (line.recordedAuditSeq === null) return "has no audit entry for its recording";
  const differs = (entry: Recorded | undefined, seq: number, facts: Record<string, unknown>) => {
    if (!entry || entry.seq !== seq) return `names audit entry ${seq}, which does not record it`;
    for (const [field, value] of Object.entries(facts)) {
      if (JSON.stringify(entry.payload[field]) !== JSON.stringify(value)) return `differs from audit entry ${seq} in ${field}`;
    }
    return null;
  };
  if (inSegment(line.recordedAuditSeq)) {
    const problem = differs(recorded(line.id), line.recordedAuditSeq, {
      kind: line.kind,
      channel: line.channel,
      requesterReferenceSha256: line.requesterReferenceSha256,
      receivedAt: line.receivedAt,
    });
    if (problem) return problem;
  }
  for (const answer of line.answers) {
    if (answer.auditSeq === null) return `answer version ${answer.version} has no audit entry`;
    if (!inSegment(answer.auditSeq)) continue;
    const problem = differs(recorded(answer.id), answer.auditSeq, { version: answer.version, answerSha256: answer.answerSha256 });
    if (problem) return `answer version ${answer.version} ${problem}`;
  }
  return null;
}
