import type { QueryClient } from "@tanstack/react-query";
import type { useTRPC } from "../../../lib/trpc";
import { releasedOnLeave } from "../utils/released-on-leave";

type Trpc = ReturnType<typeof useTRPC>;

/**
 * The review screen's one query. Not refetched on focus or retried: the view is what the
 * reviewer was shown (the server records it), and a refusal (not held) will not change on retry.
 */
export const reviewViewOptions = (trpc: Trpc, escalationId: string) =>
  trpc.reviews.view.queryOptions({ escalationId }, { staleTime: 30_000, refetchOnWindowFocus: false, retry: false });

/**
 * A page opened on a review's address (a new tab, a link, a bookmark) asks for the escalation at
 * once, beside the session check and the screen's code, rather than after both. Not after this
 * tab let the item go as it left (a reload): the release may still be on its way, and the screen
 * claims the item again first.
 */
export function prefetchReview(trpc: Trpc, queryClient: QueryClient, escalationId: string) {
  if (releasedOnLeave(escalationId)) return;
  void queryClient.prefetchQuery(reviewViewOptions(trpc, escalationId));
}
