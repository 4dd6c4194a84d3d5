import type { ReviewSituation } from "@countersign/shared/review";
import type { RouterOutputs } from "../../../lib/trpc";

type View = RouterOutputs["reviews"]["view"];

/**
 * What unmetReviewRules needs beside the form: the server's situation, with the active time kept
 * live by the review screen's heartbeats and evidence openings kept live as the reviewer opens items.
 */
export function reviewSituation(view: View, activeSeconds: number): ReviewSituation {
  return {
    ...view.situation,
    activeSeconds,
    evidenceOpened: view.evidence.filter((item) => item.opened).map((item) => item.index),
  };
}
