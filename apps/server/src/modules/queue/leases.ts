import { and, eq, inArray, lte } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { escalations } from "../../db/schema/escalations";
import type { Deps } from "../../lib/context";
import { write } from "../../lib/tx";
import { appendAudit } from "../audit/append";

export const releasedLease = {
  status: "queued" as const,
  leaseHolderId: null,
  claimedAt: null,
  leaseExpiresAt: null,
  activeMs: 0,
  lastHeartbeatAt: null,
};

/**
 * Returns every item whose lease ran out to the queue, each with an audit entry. Runs inside
 * the caller's IMMEDIATE transaction, so reading the expired rows and freeing them cannot race.
 */
export function expireLeases(tx: Tx, now: number) {
  const expired = tx
    .select({ id: escalations.id, holder: escalations.leaseHolderId, claimedAt: escalations.claimedAt, activeMs: escalations.activeMs })
    .from(escalations)
    .where(and(eq(escalations.status, "in_review"), lte(escalations.leaseExpiresAt, now)))
    .all();
  if (expired.length === 0) return 0;
  tx.update(escalations)
    .set(releasedLease)
    .where(inArray(escalations.id, expired.map((e) => e.id)))
    .run();
  for (const lease of expired) {
    appendAudit(tx, { type: "server" }, now, {
      action: "escalation.lease_expired",
      entityType: "escalation",
      entityId: lease.id,
      payload: { reviewerId: lease.holder, claimedAt: lease.claimedAt, activeSeconds: Math.floor(lease.activeMs / 1000) },
    });
  }
  return expired.length;
}

/** The periodic sweep the server runs, so abandoned items come back even when nobody claims. */
export function sweepExpiredLeases(deps: Deps) {
  return write(deps.db, (tx) => expireLeases(tx, deps.now()));
}

export function heldLease(db: Db | Tx, escalationId: string) {
  return db
    .select({
      status: escalations.status,
      holder: escalations.leaseHolderId,
      claimedAt: escalations.claimedAt,
      leaseExpiresAt: escalations.leaseExpiresAt,
    })
    .from(escalations)
    .where(eq(escalations.id, escalationId))
    .get();
}
