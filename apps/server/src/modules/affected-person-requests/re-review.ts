import { and, eq, ne } from "drizzle-orm";
import { affectedPersonRequests } from "../../db/schema/affected-person-requests";
import { escalations } from "../../db/schema/escalations";
import type { Tx } from "../../db/client";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { assignedRequest } from "./routing";

type Person = { type: "user"; id: string };
type ReReview = { requestId: string; status: "requested" | "completed"; result: string; escalationId?: string | undefined };

/**
 * Records the re-review a request led to, as part of the request: that the decision went back to
 * review, then what it found. Where the new review round has an escalation id, it is linked; it
 * must be an escalation of the same AI system.
 */
export async function recordReReview(deps: Deps, actor: Person, input: ReReview) {
  const now = deps.now();
  await write(deps.db, async (tx) => {
    const request = await assignedRequest(tx, actor.id, input.requestId, now);
    if (request.reReviewStatus === "completed") {
      throw new AppError("CONFLICT", "the re-review was already recorded as completed", [{ path: "status", message: "already completed" }]);
    }
    if (input.escalationId) {
      const round = await tx
        .select({ id: escalations.id })
        .from(escalations)
        .where(and(eq(escalations.id, input.escalationId), eq(escalations.systemId, request.systemId)))
        .get();
      if (!round) {
        throw new AppError("NOT_FOUND", "no escalation of this request's AI system has this id", [{ path: "escalationId", message: "unknown for this AI system" }]);
      }
    }
    const escalationId = input.escalationId ?? request.reReviewEscalationId;
    await tx.update(affectedPersonRequests)
      .set({ reReviewStatus: input.status, reReviewResult: input.result || request.reReviewResult, reReviewEscalationId: escalationId, reReviewRecordedAt: now })
      .where(eq(affectedPersonRequests.id, request.id))
      .run();
    await appendAudit(tx, actor, now, {
      action: "affected_person_request.re_review_recorded",
      entityType: "escalation",
      entityId: request.escalationId,
      payload: { requestId: request.id, status: input.status, resultSha256: input.result ? sha256(input.result) : null, reviewEscalationId: escalationId },
    });
  });
}

/**
 * A reopened decision (reversal, Art. 14(4)(d)) is a re-review of it: every request from an
 * affected person about the escalation shows it as requested, with the escalation as its new
 * review round, each audited in the reopening's own transaction. A request whose earlier re-review
 * was completed is re-reviewed again (its assignee records the new result); its earlier result
 * stays until then, and its hash stays in the audit log.
 */
export async function markReReviewStarted(tx: Tx, actor: Person, reopening: { escalationId: string; reopeningId: string; round: number }, now: number) {
  const marked = await tx
    .update(affectedPersonRequests)
    .set({ reReviewStatus: "requested", reReviewEscalationId: reopening.escalationId, reReviewRecordedAt: now })
    .where(and(eq(affectedPersonRequests.escalationId, reopening.escalationId), ne(affectedPersonRequests.reReviewStatus, "requested")))
    .returning({ id: affectedPersonRequests.id, recordedAt: affectedPersonRequests.recordedAt })
    .all();
  // Audited in the order the requests were recorded (ties by id): RETURNING's order is the engine's own.
  marked.sort((a, b) => a.recordedAt - b.recordedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const request of marked) {
    await appendAudit(tx, actor, now, {
      action: "affected_person_request.re_review_recorded",
      entityType: "escalation",
      entityId: reopening.escalationId,
      payload: {
        requestId: request.id,
        status: "requested",
        resultSha256: null,
        reviewEscalationId: reopening.escalationId,
        reopeningId: reopening.reopeningId,
        round: reopening.round,
      },
    });
  }
  return marked.length;
}
