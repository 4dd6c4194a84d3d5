import { utc } from "@date-fns/utc";
import { addDays, addMonths } from "date-fns";
import type { readinessMilestones } from "@countersign/shared/operations";

export type Milestone = (typeof readinessMilestones)[number];

export type CadenceStep = {
  milestone: Milestone;
  /** "before go-live", "day 30", "day 90", "quarterly 1", … */
  label: string;
  /** Null for the go-live review of a system not yet live. */
  dueAt: string | null;
  reviewId: string | null;
  reviewedAt: string | null;
  overdue: boolean;
};

export type ReviewCadence = { steps: CadenceStep[]; next: CadenceStep | null; overdue: boolean };

type RecordedReview = { id: string; milestone: string; recordedAt: number };

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The readiness review cadence from the reference: before go-live, at 30 and 90 days after
 * go-live, then every quarter after day 90. Each step is met by the first review recorded for
 * that milestone (the k-th quarterly step by the k-th quarterly review, however late), so a
 * late review still counts for the step it was held for. Steps run up to the first one not
 * yet due; a step past its due date without a review is overdue.
 */
export function reviewCadence(liveSince: number | null, reviews: RecordedReview[], now: number): ReviewCadence {
  const byMilestone = (milestone: Milestone) =>
    reviews.filter((r) => r.milestone === milestone).sort((a, b) => a.recordedAt - b.recordedAt);
  const step = (milestone: Milestone, label: string, due: number | null, review: RecordedReview | undefined): CadenceStep => ({
    milestone,
    label,
    dueAt: due === null ? null : iso(due),
    reviewId: review?.id ?? null,
    reviewedAt: review ? iso(review.recordedAt) : null,
    overdue: !review && due !== null && due < now,
  });

  const steps = [step("before_go_live", "before go-live", liveSince, byMilestone("before_go_live")[0])];
  if (liveSince !== null) {
    const day90 = addDays(liveSince, 90, { in: utc }).getTime();
    steps.push(step("day_30", "day 30", addDays(liveSince, 30, { in: utc }).getTime(), byMilestone("day_30")[0]));
    steps.push(step("day_90", "day 90", day90, byMilestone("day_90")[0]));
    const quarterly = byMilestone("quarterly");
    for (let k = 1; ; k++) {
      const due = addMonths(day90, 3 * k, { in: utc }).getTime();
      steps.push(step("quarterly", `quarterly ${k}`, due, quarterly[k - 1]));
      if (due > now) break;
    }
  }
  return { steps, next: steps.find((s) => s.reviewId === null) ?? null, overdue: steps.some((s) => s.overdue) };
}
