import { eq } from "drizzle-orm";
import { escalations } from "../../db/schema/escalations";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { write } from "../../lib/tx";
import { escalationState, expireLeases, takeUpDispute as takeUp } from "../escalations/lifecycle";
import { assertMayResolve } from "./resolution";
import { policyOf } from "./situation";

/**
 * A resolver who wants an outcome of their own takes the dispute up: it is leased to them like a
 * claim, so the review screen, its rules (checklist, rationale, dwell, evidence) and decide apply
 * to their verification exactly as to any reviewer's.
 */
export function takeUpDispute(deps: Deps, resolverId: string, escalationId: string) {
  const now = deps.now();
  return write(deps.db, async (tx) => {
    await expireLeases(tx, now);
    const row = await tx.select().from(escalations).where(eq(escalations.id, escalationId)).get();
    if (!row) throw new AppError("NOT_FOUND", "no such escalation", [{ path: "escalationId", message: "unknown id" }]);
    await assertMayResolve(tx, resolverId, row, now);
    if (row.status === "in_review" && row.leaseHolderId === resolverId) {
      return { escalationId, claimedAt: row.claimedAt!, leaseExpiresAt: row.leaseExpiresAt! };
    }
    if (escalationState(row, now) === "in_review") {
      throw new AppError("CONFLICT", "someone else with the override authority has taken up this dispute", [
        { path: "escalationId", message: "taken up by someone else" },
      ]);
    }
    const leaseExpiresAt = now + (await policyOf(tx, row.systemId)).leaseMinutes * 60_000;
    await takeUp(tx, row, resolverId, now, leaseExpiresAt);
    return { escalationId, claimedAt: now, leaseExpiresAt };
  });
}
