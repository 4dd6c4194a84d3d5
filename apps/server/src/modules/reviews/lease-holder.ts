import type { escalations } from "../../db/schema/escalations";
import { AppError } from "../../lib/errors";

type EscalationRow = typeof escalations.$inferSelect;

/** Only the reviewer holding a live lease may look at, open or decide an item. */
export function assertLeaseHolder(
  row: EscalationRow | undefined,
  reviewerId: string,
  now: number,
): asserts row is EscalationRow & { claimedAt: number } {
  if (!row) throw new AppError("NOT_FOUND", "no such escalation", [{ path: "escalationId", message: "unknown id" }]);
  if (row.status === "decided") {
    throw new AppError("CONFLICT", "this escalation has already been decided", [{ path: "escalationId", message: "already decided" }]);
  }
  // Fail closed: past its deadline the AI system has been told it expired; no decision can follow.
  if (row.status === "expired") {
    throw new AppError("CONFLICT", "this escalation has expired: its dueAt passed before it was decided, and the AI system was told so; a late decision is not recorded", [
      { path: "escalationId", message: "expired" },
    ]);
  }
  if (row.status !== "in_review" || row.leaseHolderId !== reviewerId) {
    throw new AppError("CONFLICT", "only the reviewer holding the lease can work on this escalation; claim it first", [
      { path: "escalationId", message: "you do not hold a lease on it" },
    ]);
  }
  if ((row.leaseExpiresAt ?? 0) <= now) {
    throw new AppError("CONFLICT", "your lease on this escalation has expired; claim it again", [
      { path: "escalationId", message: "lease expired" },
    ]);
  }
}
