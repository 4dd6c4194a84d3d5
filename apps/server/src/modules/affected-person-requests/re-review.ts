import { and, eq } from "drizzle-orm";
import { affectedPersonRequests } from "../../db/schema/affected-person-requests";
import { escalations } from "../../db/schema/escalations";
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
export function recordReReview(deps: Deps, actor: Person, input: ReReview) {
  const now = deps.now();
  write(deps.db, (tx) => {
    const request = assignedRequest(tx, actor.id, input.requestId, now);
    if (request.reReviewStatus === "completed") {
      throw new AppError("CONFLICT", "the re-review was already recorded as completed", [{ path: "status", message: "already completed" }]);
    }
    if (input.escalationId) {
      const round = tx
        .select({ id: escalations.id })
        .from(escalations)
        .where(and(eq(escalations.id, input.escalationId), eq(escalations.systemId, request.systemId)))
        .get();
      if (!round) {
        throw new AppError("NOT_FOUND", "no escalation of this request's AI system has this id", [{ path: "escalationId", message: "unknown for this AI system" }]);
      }
    }
    const escalationId = input.escalationId ?? request.reReviewEscalationId;
    tx.update(affectedPersonRequests)
      .set({ reReviewStatus: input.status, reReviewResult: input.result || request.reReviewResult, reReviewEscalationId: escalationId, reReviewRecordedAt: now })
      .where(eq(affectedPersonRequests.id, request.id))
      .run();
    appendAudit(tx, actor, now, {
      action: "affected_person_request.re_review_recorded",
      entityType: "escalation",
      entityId: request.escalationId,
      payload: { requestId: request.id, status: input.status, resultSha256: input.result ? sha256(input.result) : null, reviewEscalationId: escalationId },
    });
  });
}
