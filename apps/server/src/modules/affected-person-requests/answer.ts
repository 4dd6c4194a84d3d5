import { and, desc, eq, isNull } from "drizzle-orm";
import { affectedPersonRequestAnswers, affectedPersonRequests } from "../../db/schema/affected-person-requests";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { newId, sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { assignedRequest } from "./routing";

type Person = { type: "user"; id: string };

/**
 * Records the answer to a request, once: the request is answered from then on. Only its assignee
 * answers, qualified for its system now. The log keeps the answer's hash, which the proof pack's
 * line carries too: what was answered is provable without the pack carrying the text.
 */
export function answerRequest(deps: Deps, actor: Person, input: { requestId: string; answer: string }) {
  const now = deps.now();
  return write(deps.db, async (tx) => {
    const request = await assignedRequest(tx, actor.id, input.requestId, now);
    // One conditional UPDATE: of two first answers, one wins and the other is told.
    const opened = await tx
      .update(affectedPersonRequests)
      .set({ answeredAt: now })
      .where(and(eq(affectedPersonRequests.id, request.id), isNull(affectedPersonRequests.answeredAt)))
      .returning({ id: affectedPersonRequests.id })
      .get();
    if (!opened) {
      throw new AppError("CONFLICT", "the request already has an answer: change it with an edit that says why", [
        { path: "answer", message: "already answered; edit the answer instead" },
      ]);
    }
    const answerId = newId("ans");
    await tx.insert(affectedPersonRequestAnswers).values({ id: answerId, requestId: request.id, version: 1, answer: input.answer, answeredBy: actor.id, answeredAt: now }).run();
    await appendAudit(tx, actor, now, {
      action: "affected_person_request.answered",
      entityType: "escalation",
      entityId: request.escalationId,
      payload: { requestId: request.id, answerId, version: 1, answerSha256: sha256(input.answer), dueAt: new Date(request.dueAt).toISOString(), inTime: now <= request.dueAt },
    });
    return { answerId, version: 1 };
  });
}

/**
 * Changes a recorded answer, with a reason: a new version in force, the earlier ones kept (one may
 * already have been sent to the person).
 */
export function editAnswer(deps: Deps, actor: Person, input: { requestId: string; answer: string; reason: string }) {
  const now = deps.now();
  return write(deps.db, async (tx) => {
    const request = await assignedRequest(tx, actor.id, input.requestId, now);
    const latest = await tx
      .select({ version: affectedPersonRequestAnswers.version, answer: affectedPersonRequestAnswers.answer })
      .from(affectedPersonRequestAnswers)
      .where(eq(affectedPersonRequestAnswers.requestId, request.id))
      .orderBy(desc(affectedPersonRequestAnswers.version))
      .limit(1)
      .get();
    if (!latest) throw new AppError("PRECONDITION_FAILED", "the request has no answer yet: record one first", [{ path: "answer", message: "nothing to edit yet" }]);
    if (latest.answer === input.answer) throw new AppError("BAD_REQUEST", "the answer is unchanged", [{ path: "answer", message: "same as the answer in force" }]);
    const answerId = newId("ans");
    const version = latest.version + 1;
    await tx.insert(affectedPersonRequestAnswers)
      .values({ id: answerId, requestId: request.id, version, answer: input.answer, answeredBy: actor.id, answeredAt: now, editReason: input.reason })
      .run();
    await appendAudit(tx, actor, now, {
      action: "affected_person_request.answer_edited",
      entityType: "escalation",
      entityId: request.escalationId,
      payload: {
        requestId: request.id,
        answerId,
        version,
        answerSha256: sha256(input.answer),
        previousAnswerSha256: sha256(latest.answer),
        reasonSha256: sha256(input.reason),
      },
    });
    return { answerId, version };
  });
}
