import { and, eq } from "drizzle-orm";
import { escalations } from "../../db/schema/escalations";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { write } from "../../lib/tx";
import { appendAudit } from "../audit/append";
import { releasedLease } from "./leases";

/** Hands a held item back to the queue. */
export function releaseEscalation(deps: Deps, reviewerId: string, escalationId: string) {
  const now = deps.now();
  write(deps.db, (tx) => {
    const released = tx
      .update(escalations)
      .set(releasedLease)
      .where(
        and(eq(escalations.id, escalationId), eq(escalations.status, "in_review"), eq(escalations.leaseHolderId, reviewerId)),
      )
      .returning({ id: escalations.id })
      .get();
    if (!released) {
      throw new AppError("CONFLICT", "you do not hold this escalation", [{ path: "escalationId", message: "not claimed by you" }]);
    }
    appendAudit(tx, { type: "user", id: reviewerId }, now, {
      action: "escalation.released",
      entityType: "escalation",
      entityId: escalationId,
    });
  });
}
