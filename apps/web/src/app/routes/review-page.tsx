import { useParams } from "react-router";
import { ReviewScreen } from "../../features/review/components/review-screen";
import { HaltedReviewNotice } from "../../features/system-health/components/halted-review-notice";

/**
 * One screen for every item: the next one after a decision updates it in place, with no page load
 * and no re-mount (the screen resets only what belongs to one item: the analysis form, the
 * payloads' open and search state, the evidence's).
 */
export function ReviewPage() {
  const { escalationId = "" } = useParams();
  return (
    <div className="page page-review">
      <HaltedReviewNotice escalationId={escalationId} />
      <ReviewScreen escalationId={escalationId} />
    </div>
  );
}
