import type { ReviewSituation } from "@countersign/shared/review";
import type { RouterOutputs } from "../../../lib/trpc";

type View = RouterOutputs["reviews"]["view"];

/**
 * What unmetReviewRules needs beside the form: the server's situation at `serverNow`, with the
 * time since the claim kept live by the (skew-corrected) clock and evidence openings kept live
 * as the reviewer opens items.
 */
export function reviewSituation(view: View, now: number): ReviewSituation {
  return {
    ...view.situation,
    secondsSinceClaim: (now - view.claimedAt) / 1000,
    evidenceOpened: view.evidence.filter((item) => item.opened).map((item) => item.index),
  };
}
