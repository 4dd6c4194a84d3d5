import { eq } from "drizzle-orm";
import { escalations } from "../../db/schema/escalations";
import { evidenceOpenings } from "../../db/schema/reviews";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { write } from "../../lib/tx";
import { appendAudit } from "../audit/append";

/** Opens one evidence item for the lease holder: records the opening, then returns its content. */
export function openEvidence(deps: Deps, reviewerId: string, escalationId: string, evidenceIndex: number) {
  const now = deps.now();
  return write(deps.db, (tx) => {
    const row = tx
      .select({
        status: escalations.status,
        holder: escalations.leaseHolderId,
        leaseExpiresAt: escalations.leaseExpiresAt,
        evidence: escalations.evidence,
      })
      .from(escalations)
      .where(eq(escalations.id, escalationId))
      .get();
    if (!row) throw new AppError("NOT_FOUND", "no such escalation", [{ path: "escalationId", message: "unknown id" }]);
    if (row.status !== "in_review" || row.holder !== reviewerId || (row.leaseExpiresAt ?? 0) <= now) {
      throw new AppError("CONFLICT", "claim this escalation before opening its evidence", [
        { path: "escalationId", message: "you do not hold a lease on it" },
      ]);
    }
    const item = row.evidence?.[evidenceIndex];
    if (!item) {
      throw new AppError("NOT_FOUND", `evidence item ${evidenceIndex} does not exist`, [
        { path: "evidenceIndex", message: `must be below ${row.evidence?.length ?? 0}` },
      ]);
    }
    tx.insert(evidenceOpenings).values({ escalationId, reviewerId, evidenceIndex, openedAt: now }).run();
    appendAudit(tx, { type: "user", id: reviewerId }, now, {
      action: "escalation.evidence_opened",
      entityType: "escalation",
      entityId: escalationId,
      payload: { evidenceIndex },
    });
    return { index: evidenceIndex, title: item.title, url: item.url ?? null, content: item.content ?? null };
  });
}
