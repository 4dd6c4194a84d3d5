import { eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { escalations } from "../../db/schema/escalations";
import type { Deps } from "../../lib/context";
import { write } from "../../lib/tx";
import { expireLeases } from "../escalations/lifecycle";

/** The periodic sweep the server runs, so abandoned items come back even when nobody claims. */
export function sweepExpiredLeases(deps: Deps) {
  return write(deps.db, (tx) => expireLeases(tx, deps.now()));
}

export function heldLease(db: Db | Tx, escalationId: string) {
  return db
    .select({
      status: escalations.status,
      disputedAt: escalations.disputedAt,
      purgedAt: escalations.purgedAt,
      holder: escalations.leaseHolderId,
      claimedAt: escalations.claimedAt,
      leaseExpiresAt: escalations.leaseExpiresAt,
    })
    .from(escalations)
    .where(eq(escalations.id, escalationId))
    .get();
}
