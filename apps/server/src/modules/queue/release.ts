import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { escalations } from "../../db/schema/escalations";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { write } from "../../lib/tx";
import { appendAudit } from "../audit/append";
import { releasedLease } from "./leases";

/** Why a lease was handed back: the reviewer pressed Release or closed the review tab, or signed out. */
type ReleaseReason = "released" | "signed_out";

/** Hands a held item back to the queue (the Release button, and the review tab as it closes). */
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
    auditRelease(tx, reviewerId, now, escalationId, "released");
  });
}

/**
 * Hands back every item the reviewer holds, in the caller's transaction: someone who signs out
 * is not reviewing, and their items should not wait out the lease while others could take them.
 */
export function releaseLeasesOf(tx: Tx, reviewerId: string, now: number) {
  const released = tx
    .update(escalations)
    .set(releasedLease)
    .where(and(eq(escalations.status, "in_review"), eq(escalations.leaseHolderId, reviewerId)))
    .returning({ id: escalations.id })
    .all();
  for (const { id } of released) auditRelease(tx, reviewerId, now, id, "signed_out");
  return released.length;
}

function auditRelease(tx: Tx, reviewerId: string, now: number, escalationId: string, reason: ReleaseReason) {
  appendAudit(tx, { type: "user", id: reviewerId }, now, {
    action: "escalation.released",
    entityType: "escalation",
    entityId: escalationId,
    // The Release button's entries stay as they were; a sign-out says so.
    ...(reason === "signed_out" ? { payload: { reason } } : {}),
  });
}
