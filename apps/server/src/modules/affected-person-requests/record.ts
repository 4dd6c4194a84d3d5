import { answerDueAt, recordRequestInputSchema, type RecordRequestInput } from "@countersign/shared/affected-person-requests";
import { affectedPersonRequests } from "../../db/schema/affected-person-requests";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { newId, sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { answeringQualification, decisionByExternalId } from "./routing";

type Person = { type: "user"; id: string };

/**
 * Records a request from an affected person about one decision and routes it to a qualified
 * person, due one month after receipt (GDPR Art. 12(3)). The entry is about the escalation, so the
 * request shows in that decision's trail; the requester's reference enters the log as a hash only.
 */
export function recordRequest(deps: Deps, actor: Person, input: RecordRequestInput) {
  const { systemId, externalId, kind, requesterReference, channel, assigneeId, ...dates } = recordRequestInputSchema.parse(input);
  const now = deps.now();
  const receivedAt = Date.parse(dates.receivedAt);
  if (receivedAt > now) {
    throw new AppError("BAD_REQUEST", "receivedAt is in the future: record when the request reached you", [{ path: "receivedAt", message: "must not be in the future" }]);
  }
  const dueAt = answerDueAt(receivedAt);
  return write(deps.db, async (tx) => {
    const { escalationId } = await decisionByExternalId(tx, systemId, externalId);
    const qualification = await answeringQualification(tx, assigneeId, systemId, kind, now, "assigneeId");
    const id = newId("apr");
    await tx.insert(affectedPersonRequests)
      .values({ id, systemId, escalationId, kind, channel, requesterReference, receivedAt, dueAt, assigneeId, recordedBy: actor.id, recordedAt: now })
      .run();
    await appendAudit(tx, actor, now, {
      action: "affected_person_request.recorded",
      entityType: "escalation",
      entityId: escalationId,
      payload: {
        requestId: id,
        kind,
        channel,
        requesterReferenceSha256: sha256(requesterReference),
        receivedAt: new Date(receivedAt).toISOString(),
        dueAt: new Date(dueAt).toISOString(),
        assigneeId,
        qualificationId: qualification.id,
      },
    });
    return { id, escalationId, dueAt: new Date(dueAt).toISOString() };
  });
}
