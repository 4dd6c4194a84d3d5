import { hasPermission } from "@countersign/shared/permissions";
import type { Outcome } from "@countersign/shared/enums";
import type { DecideInput } from "@countersign/shared/review";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { useToast } from "../../../components/ui/toast";
import { useCurrentUser } from "../../../hooks/use-current-user";
import { errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";

export const outcomeLabel: Record<Outcome, string> = {
  approved: "Approved",
  modified: "Modified",
  rejected: "Rejected",
  escalated: "Escalated",
};

/** Under the two-person rule a verification may not decide the item yet; say what happens next, never what others decided. */
function notYetDecided(result: { status: string; verificationsRecorded: number; verificationsRequired: number }): string {
  if (result.status === "disputed") return "Verification recorded — a team lead decides this escalation";
  const remaining = result.verificationsRequired - result.verificationsRecorded;
  if (remaining === 1 && result.verificationsRecorded === 1) return "Verification recorded — a second reviewer must verify independently";
  return `Verification recorded — ${remaining === 1 ? "one more reviewer" : `${remaining} more reviewers`} must verify independently`;
}

/**
 * Records a decision, then claims the next item and shows it without a page load (its view is
 * fetched before we navigate, so it appears at once). An empty queue sends the reviewer back, and
 * so does "finish after this one": the reviewer who is about to stop holds nothing they will not work.
 */
export function useDecision(escalationId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const { data: user } = useCurrentUser();
  const decide = useMutation(trpc.reviews.decide.mutationOptions());
  const claimNext = useMutation(trpc.queue.claimNext.mutationOptions());
  const release = useMutation(trpc.queue.release.mutationOptions());

  const submit = async (input: DecideInput, options: { finish?: boolean } = {}) => {
    const result = await decide.mutateAsync(input);
    const done = result.status === "decided" ? outcomeLabel[input.outcome] : notYetDecided(result);
    void queryClient.invalidateQueries(trpc.queue.pathFilter());
    // Dropped once this screen is gone, so "back" cannot show a form for a decided item.
    const forgetThisItem = () => queryClient.removeQueries(trpc.reviews.view.queryFilter({ escalationId }));
    // A lead who is not a reviewer is here only to resolve a dispute with their own verification.
    if (user && !hasPermission(user, "reviewEscalations")) {
      void queryClient.invalidateQueries(trpc.reviews.disputes.pathFilter());
      toast(`${done} — the dispute is resolved with your verification`, "success");
      await navigate("/disputes");
      forgetThisItem();
      return;
    }
    if (options.finish) {
      await navigate("/queue", { state: { notice: `${done}. You finished: no next item was claimed, so nothing waits on you.` } });
      forgetThisItem();
      return;
    }
    try {
      const next = await claimNext.mutateAsync({});
      if (!next) {
        await navigate("/queue", { state: { notice: `${done}. The queue is empty — nothing is waiting for review.` } });
        forgetThisItem();
        return;
      }
      await queryClient.prefetchQuery(trpc.reviews.view.queryOptions({ escalationId: next.escalationId }));
      toast(result.status === "decided" ? `${done} — next item` : `${done}. Next item.`, "success");
      await navigate(`/review/${next.escalationId}`);
    } catch (error) {
      await navigate("/queue", { state: { notice: `${done}. The next item could not be claimed: ${errorMessage(error)}` } });
    }
    forgetThisItem();
  };

  const releaseItem = async () => {
    await release.mutateAsync({ escalationId });
    void queryClient.invalidateQueries(trpc.queue.pathFilter());
    if (user && !hasPermission(user, "reviewEscalations")) {
      void queryClient.invalidateQueries(trpc.reviews.disputes.pathFilter());
      await navigate("/disputes");
    } else {
      await navigate("/queue", { state: { notice: "Released — the escalation is back in the queue for someone else." } });
    }
    queryClient.removeQueries(trpc.reviews.view.queryFilter({ escalationId }));
  };

  return {
    submit,
    release: releaseItem,
    pending: decide.isPending || claimNext.isPending || release.isPending,
    continuing: claimNext.isPending,
  };
}
