import type { z } from "zod";
import type { recordReadinessReviewInputSchema } from "@countersign/shared/operations";
import { readinessReviews } from "../../db/schema/metrics";
import type { Deps } from "../../lib/context";
import { canonicalJson, newId, sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { readinessOverview } from "./overview";

export type ReadinessReviewInput = z.output<typeof recordReadinessReviewInputSchema>;

/**
 * Records a readiness review with the live figures it looked at, frozen as they are now. The
 * audit entry carries the figures' hash, not the attendees' names: the log holds no personal data.
 */
export async function recordReadinessReview(deps: Deps, leadId: string, input: ReadinessReviewInput) {
  const figures = await readinessOverview(deps, input.systemId);
  const now = deps.now();
  const id = newId("rdy");
  const figuresSha256 = sha256(canonicalJson(figures));
  await write(deps.db, async (tx) => {
    await tx.insert(readinessReviews)
      .values({
        id,
        systemId: input.systemId,
        milestone: input.milestone,
        verdict: input.verdict,
        attendees: input.attendees,
        actions: input.actions,
        notes: input.notes,
        figures,
        recordedBy: leadId,
        recordedAt: now,
      })
      .run();
    await appendAudit(tx, { type: "user", id: leadId }, now, {
      action: "readiness.review_recorded",
      entityType: "readiness_review",
      entityId: id,
      payload: {
        systemId: input.systemId,
        milestone: input.milestone,
        verdict: input.verdict,
        attendeeCount: input.attendees.length,
        actionCount: input.actions.length,
        figuresSha256,
      },
    });
  });
  return { id, recordedAt: new Date(now).toISOString(), figuresSha256 };
}
