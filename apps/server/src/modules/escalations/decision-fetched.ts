import { and, eq, inArray, isNull } from "drizzle-orm";
import { escalations } from "../../db/schema/escalations";
import type { Deps } from "../../lib/context";
import { statement } from "../../lib/prepared";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";

/**
 * Records the first time the AI system reads a decided (or expired) escalation over REST: all Countersign can
 * know of the decision's delivery. One conditional write on the first read only; later reads find
 * the time set and write nothing.
 */
export async function recordDecisionFetched(deps: Deps, systemId: string, escalationId: string) {
  const seen = await statement(deps.db, "SELECT decision_fetched_at FROM escalations WHERE id = ?").value(escalationId);
  if (seen !== null) return;
  const now = deps.now();
  await write(deps.db, async (tx) => {
    const first = await tx
      .update(escalations)
      .set({ decisionFetchedAt: now })
      .where(
        and(
          eq(escalations.id, escalationId),
          eq(escalations.systemId, systemId),
          inArray(escalations.status, ["decided", "expired"]),
          isNull(escalations.decisionFetchedAt),
        ),
      )
      .returning({ decidedAt: escalations.decidedAt, expiredAt: escalations.expiredAt })
      .get();
    if (!first) return;
    await appendAudit(tx, { type: "ai_system", id: systemId }, now, {
      action: "escalation.decision_fetched",
      entityType: "escalation",
      entityId: escalationId,
      payload: {
        decidedAt: first.decidedAt === null ? null : new Date(first.decidedAt).toISOString(),
        ...(first.expiredAt === null ? {} : { expiredAt: new Date(first.expiredAt).toISOString() }),
      },
    });
  });
}
