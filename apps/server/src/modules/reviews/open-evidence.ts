import { eq } from "drizzle-orm";
import { escalations } from "../../db/schema/escalations";
import { evidenceOpenings } from "../../db/schema/reviews";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { assertLeaseHolder } from "./lease-holder";

/** Opens one evidence item for the lease holder: records the opening, then returns its content. */
export function openEvidence(deps: Deps, reviewerId: string, escalationId: string, evidenceIndex: number) {
  const now = deps.now();
  return write(deps.db, async (tx) => {
    const row = await tx.select().from(escalations).where(eq(escalations.id, escalationId)).get();
    assertLeaseHolder(row, reviewerId, now);
    const item = row.evidence?.[evidenceIndex];
    if (!item) {
      throw new AppError("NOT_FOUND", `evidence item ${evidenceIndex} does not exist`, [
        { path: "evidenceIndex", message: `must be below ${row.evidence?.length ?? 0}` },
      ]);
    }
    await tx.insert(evidenceOpenings).values({ escalationId, reviewerId, evidenceIndex, openedAt: now }).run();
    await appendAudit(tx, { type: "user", id: reviewerId }, now, {
      action: "escalation.evidence_opened",
      entityType: "escalation",
      entityId: escalationId,
      payload: { evidenceIndex },
    });
    return { index: evidenceIndex, title: item.title, url: item.url ?? null, content: item.content ?? null };
  });
}
