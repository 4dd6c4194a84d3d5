import { Badge } from "../../../components/ui/badge";
import { RelativeTime } from "../../../components/ui/relative-time";
import type { RouterOutputs } from "../../../lib/trpc";
import { milestoneLabels, verdictLabels, verdictTone, type Milestone, type Verdict } from "../utils/format";
import { formatPercent } from "@countersign/shared/format";

type Review = RouterOutputs["readiness"]["reviews"][number];

/** The rate the review looked at, from the figures frozen with it. */
function frozenRates(figures: Record<string, unknown>): { measured: number | null; assumed: number | null } {
  const strategy = figures.strategy as { measuredRate?: unknown; assumedRate?: unknown } | undefined;
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  return { measured: num(strategy?.measuredRate), assumed: num(strategy?.assumedRate) };
}

/** Readiness reviews held for this system, newest first, each with the figures it looked at. */
export function PastReviews({ reviews, now }: { reviews: Review[]; now: number }) {
  return (
    <section className="stack" aria-labelledby="past-reviews-title">
      <h2 id="past-reviews-title" className="section-title">
        Past reviews
      </h2>
      {reviews.length === 0 ? (
        <p className="muted">No readiness review has been recorded for this system yet.</p>
      ) : (
        <ol className="review-list" aria-label="Readiness reviews, newest first">
          {reviews.map((review) => {
            const rates = frozenRates(review.figures);
            return (
              <li key={review.id} className="review-entry card">
                <p className="review-entry-head">
                  <Badge tone={verdictTone[review.verdict as Verdict] ?? "neutral"}>{verdictLabels[review.verdict as Verdict] ?? review.verdict}</Badge>
                  <strong>{milestoneLabels[review.milestone as Milestone] ?? review.milestone}</strong>
                  <span className="muted">
                    recorded by {review.recordedBy} <RelativeTime at={review.recordedAt} now={now} />
                  </span>
                </p>
                <dl className="layer-facts">
                  <div className="layer-fact">
                    <dt>Attendees</dt>
                    <dd>{review.attendees.join(", ")}</dd>
                  </div>
                  <div className="layer-fact">
                    <dt>Rate at the time</dt>
                    <dd>
                      measured {formatPercent(rates.measured)} against assumed {formatPercent(rates.assumed)}
                    </dd>
                  </div>
                  {review.actions.length > 0 ? (
                    <div className="layer-fact">
                      <dt>Actions</dt>
                      <dd>
                        <ul className="action-list">
                          {review.actions.map((action, i) => (
                            <li key={i}>{action}</li>
                          ))}
                        </ul>
                      </dd>
                    </div>
                  ) : null}
                  {review.notes ? (
                    <div className="layer-fact">
                      <dt>Notes</dt>
                      <dd className="prose">{review.notes}</dd>
                    </div>
                  ) : null}
                </dl>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
