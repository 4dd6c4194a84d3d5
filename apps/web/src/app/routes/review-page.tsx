import { useParams } from "react-router";
import { ReviewScreen } from "../../features/review/components/review-screen";
import { HaltedReviewNotice } from "../../features/system-health/components/halted-review-notice";

/** Keyed by id: the next item gets a fresh form, with no page load. */
export function ReviewPage() {
  const { escalationId = "" } = useParams();
  return (
    <div className="page page-review">
      <HaltedReviewNotice escalationId={escalationId} />
      <ReviewScreen key={escalationId} escalationId={escalationId} />
    </div>
  );
}
