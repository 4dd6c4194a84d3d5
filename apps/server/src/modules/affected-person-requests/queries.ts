import { and, asc, desc, eq, gte, isNull, type SQL } from "drizzle-orm";
import { requestOverdue } from "@countersign/shared/affected-person-requests";
import type { Db } from "../../db/client";
import { affectedPersonRequestAnswers, affectedPersonRequests } from "../../db/schema/affected-person-requests";
import { escalations } from "../../db/schema/escalations";
import { reopenings } from "../../db/schema/reviews";
import { aiSystems } from "../../db/schema/systems";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { sha256 } from "../../lib/hash";
import { decisionExplanation } from "../audit/explanation";
import { userNames } from "../users/queries";
import { requestById } from "./routing";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

type RequestRow = typeof affectedPersonRequests.$inferSelect;

/** Requests as the workbench lists them, soonest due first; open only when asked. */
async function listed(db: Db, now: number, where: SQL[]) {
  const rows = await db
    .select({ request: affectedPersonRequests, externalId: escalations.externalId, systemSlug: aiSystems.slug, systemName: aiSystems.name })
    .from(affectedPersonRequests)
    .innerJoin(escalations, eq(escalations.id, affectedPersonRequests.escalationId))
    .innerJoin(aiSystems, eq(aiSystems.id, affectedPersonRequests.systemId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(affectedPersonRequests.answeredAt), asc(affectedPersonRequests.dueAt), asc(affectedPersonRequests.id))
    .all();
  const names = await userNames(db, [...new Set(rows.flatMap((r) => [r.request.assigneeId, r.request.recordedBy]))]);
  return rows.map((r) => summary(r.request, { slug: r.systemSlug, name: r.systemName }, r.externalId, names, now));
}

function summary(row: RequestRow, system: { slug: string; name: string }, externalId: string, names: Map<string, string>, now: number) {
  const dueAt = iso(row.dueAt)!;
  const answeredAt = iso(row.answeredAt);
  return {
    id: row.id,
    system: { id: row.systemId, ...system },
    escalationId: row.escalationId,
    externalId,
    kind: row.kind,
    channel: row.channel,
    requesterReference: row.requesterReference,
    receivedAt: iso(row.receivedAt)!,
    dueAt,
    extendedByMonths: row.extendedByMonths,
    extensionReason: row.extensionReason,
    status: answeredAt === null ? ("open" as const) : ("answered" as const),
    overdue: requestOverdue({ dueAt, answeredAt }, now),
    /** Answered after the due date in force; null while open. */
    answeredLate: row.answeredAt === null ? null : row.answeredAt > row.dueAt,
    assignee: { id: row.assigneeId, name: names.get(row.assigneeId) ?? row.assigneeId },
    recordedBy: names.get(row.recordedBy) ?? row.recordedBy,
    recordedAt: iso(row.recordedAt)!,
    answeredAt,
    reReview: {
      status: row.reReviewStatus,
      result: row.reReviewResult,
      escalationId: row.reReviewEscalationId,
      recordedAt: iso(row.reReviewRecordedAt),
    },
  };
}

/** Every request, or one system's: for leads, auditors and admins. */
export function listRequests(db: Db, now: number, filter: { systemId?: string | undefined; openOnly?: boolean | undefined }) {
  const where: SQL[] = [];
  if (filter.systemId) where.push(eq(affectedPersonRequests.systemId, filter.systemId));
  if (filter.openOnly) where.push(isNull(affectedPersonRequests.answeredAt));
  return listed(db, now, where);
}

/** The requests routed to one person: open ones first, soonest due first. */
export function requestsRoutedTo(db: Db, userId: string, now: number, openOnly = false) {
  const where: SQL[] = [eq(affectedPersonRequests.assigneeId, userId)];
  if (openOnly) where.push(isNull(affectedPersonRequests.answeredAt));
  return listed(db, now, where);
}

/**
 * One request with every version of its answer and the decision it is about, as the printable
 * answer shows it: what the AI system produced, its role, who decided and the answer in force.
 */
export async function requestDetail(deps: Deps, requestId: string) {
  const row = await requestById(deps.db, requestId);
  const now = deps.now();
  const escalation = (await deps.db.select({ externalId: escalations.externalId }).from(escalations).where(eq(escalations.id, row.escalationId)).get())!;
  const system = (await deps.db.select({ slug: aiSystems.slug, name: aiSystems.name }).from(aiSystems).where(eq(aiSystems.id, row.systemId)).get())!;
  const versions = await deps.db
    .select()
    .from(affectedPersonRequestAnswers)
    .where(eq(affectedPersonRequestAnswers.requestId, row.id))
    .orderBy(desc(affectedPersonRequestAnswers.version))
    .all();
  const names = await userNames(deps.db, [...new Set([row.assigneeId, row.recordedBy, ...versions.map((v) => v.answeredBy)])]);
  const answers = versions.map((v) => ({
    id: v.id,
    version: v.version,
    answer: v.answer,
    answeredBy: names.get(v.answeredBy) ?? v.answeredBy,
    answeredAt: iso(v.answeredAt)!,
    editReason: v.editReason,
    /** The hash the audit log and the proof pack hold: a printed answer can be matched against them. */
    sha256: sha256(v.answer),
  }));
  return {
    ...summary(row, system, escalation.externalId, names, now),
    answer: answers[0] ?? null,
    earlierAnswers: answers.slice(1),
    decision: await decisionExplanation(deps, row.escalationId),
    reopenings: await reopeningsSince(deps.db, row),
  };
}

/** The decision's reopenings since the request arrived (reversal): each started a re-review of it, a new review round. */
async function reopeningsSince(db: Db, row: RequestRow) {
  const reopened = await db
    .select({ round: reopenings.round, reopenedAt: reopenings.reopenedAt, reopenedBy: reopenings.reopenedBy })
    .from(reopenings)
    .where(and(eq(reopenings.escalationId, row.escalationId), gte(reopenings.reopenedAt, row.receivedAt)))
    .orderBy(asc(reopenings.round))
    .all();
  const names = await userNames(db, [...new Set(reopened.map((r) => r.reopenedBy))]);
  return reopened.map((r) => ({ round: r.round, reopenedAt: iso(r.reopenedAt)!, reopenedBy: names.get(r.reopenedBy) ?? r.reopenedBy }));
}

/** requestDetail for its assignee, who sees only what is routed to them. */
export async function assignedRequestDetail(deps: Deps, userId: string, requestId: string) {
  if ((await requestById(deps.db, requestId)).assigneeId !== userId) {
    throw new AppError("FORBIDDEN", "this request is routed to someone else", [{ path: "requestId", message: "not routed to you" }]);
  }
  return requestDetail(deps, requestId);
}
