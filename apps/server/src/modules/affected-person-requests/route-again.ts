import { and, eq, isNull } from "drizzle-orm";
import { answerDueAt, maxExtensionMonths } from "@countersign/shared/affected-person-requests";
import { affectedPersonRequests } from "../../db/schema/affected-person-requests";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { answeringQualification, requestById } from "./routing";

type Person = { type: "user"; id: string };

/** Routes an open request to another qualified person (the first one left, or lost their qualification); the due date stays. */
export async function reassignRequest(deps: Deps, actor: Person, input: { requestId: string; assigneeId: string }) {
  const now = deps.now();
  await write(deps.db, async (tx) => {
    const request = await openRequest(tx, input.requestId);
    if (request.assigneeId === input.assigneeId) {
      throw new AppError("BAD_REQUEST", "the request is already routed to this person", [{ path: "assigneeId", message: "already the assignee" }]);
    }
    const qualification = await answeringQualification(tx, input.assigneeId, request.systemId, request.kind, now, "assigneeId");
    await tx.update(affectedPersonRequests).set({ assigneeId: input.assigneeId }).where(eq(affectedPersonRequests.id, request.id)).run();
    await appendAudit(tx, actor, now, {
      action: "affected_person_request.reassigned",
      entityType: "escalation",
      entityId: request.escalationId,
      payload: { requestId: request.id, from: request.assigneeId, assigneeId: input.assigneeId, qualificationId: qualification.id },
    });
  });
}

/**
 * Extends an open request's due date by one or two further months (GDPR Art. 12(3)): at most two
 * in all, and only while the first month runs, since the person must be told of an extension and
 * its reasons within one month of receipt.
 */
export function extendRequest(deps: Deps, actor: Person, input: { requestId: string; months: number; reason: string }) {
  const now = deps.now();
  return write(deps.db, async (tx) => {
    const request = await openRequest(tx, input.requestId);
    if (now > answerDueAt(request.receivedAt)) {
      throw new AppError("PRECONDITION_FAILED", "the first month after receipt has passed: an extension had to be notified within it (GDPR Art. 12(3))", [
        { path: "months", message: "too late to extend" },
      ]);
    }
    const total = request.extendedByMonths + input.months;
    if (total > maxExtensionMonths) {
      throw new AppError("BAD_REQUEST", `the due date may be extended by ${maxExtensionMonths} further months in all; it is already extended by ${request.extendedByMonths}`, [
        { path: "months", message: `at most ${maxExtensionMonths - request.extendedByMonths} more` },
      ]);
    }
    const dueAt = answerDueAt(request.receivedAt, total);
    await tx.update(affectedPersonRequests)
      .set({ extendedByMonths: total, dueAt, extensionReason: input.reason })
      .where(and(eq(affectedPersonRequests.id, request.id), isNull(affectedPersonRequests.answeredAt)))
      .run();
    await appendAudit(tx, actor, now, {
      action: "affected_person_request.extended",
      entityType: "escalation",
      entityId: request.escalationId,
      payload: { requestId: request.id, extendedByMonths: total, dueAt: new Date(dueAt).toISOString(), reasonSha256: sha256(input.reason) },
    });
    return { dueAt: new Date(dueAt).toISOString() };
  });
}

async function openRequest(tx: Parameters<typeof requestById>[0], requestId: string) {
  const request = await requestById(tx, requestId);
  if (request.answeredAt !== null) {
    throw new AppError("CONFLICT", `the request was answered on ${new Date(request.answeredAt).toISOString()}: it is no longer open`, [
      { path: "requestId", message: "already answered" },
    ]);
  }
  return request;
}
