import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { readinessReviews } from "../../db/schema/metrics";
import { users } from "../../db/schema/users";

/** The readiness reviews held for one system, newest first, each with the figures it looked at. */
export async function readinessReviewsOf(db: Db, systemId: string) {
  return (await db
    .select({
      id: readinessReviews.id,
      milestone: readinessReviews.milestone,
      verdict: readinessReviews.verdict,
      attendees: readinessReviews.attendees,
      actions: readinessReviews.actions,
      notes: readinessReviews.notes,
      figures: readinessReviews.figures,
      recordedAt: readinessReviews.recordedAt,
      recordedBy: users.name,
    })
    .from(readinessReviews)
    .innerJoin(users, eq(users.id, readinessReviews.recordedBy))
    .where(eq(readinessReviews.systemId, systemId))
    .orderBy(desc(readinessReviews.recordedAt))
    .all())
    .map((review) => ({ ...review, recordedAt: new Date(review.recordedAt).toISOString() }));
}
