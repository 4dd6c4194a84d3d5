import { hasPermission } from "@countersign/shared/permissions";
import type { Outcome } from "@countersign/shared/enums";
import type { DecideInput } from "@countersign/shared/review";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { flushSync } from "react-dom";
import { useNavigate } from "react-router";
import { useToast } from "../../../components/ui/toast";
import { useCurrentUser } from "../../../hooks/use-current-user";
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
 * Records a decision and shows the next item without a page load. A reviewer's "decide & next" is
 * one request (reviews.decideAndClaimNext: the last heartbeat, the decision, the next claim and
 * its view); the next screen is drawn from its answer, so nothing is fetched after it. An empty
 * queue sends the reviewer back, and so does "finish after this one": the reviewer who is about to
 * stop holds nothing they will not work. A lead resolving a dispute decides only.
 */
export function useDecision(escalationId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const { data: user } = useCurrentUser();
  const decide = useMutation(trpc.reviews.decide.mutationOptions());
  const decideAndClaimNext = useMutation(trpc.reviews.decideAndClaimNext.mutationOptions());
  const release = useMutation(trpc.queue.release.mutationOptions());

  // Dropped once this screen is gone, so "back" cannot show a form for a decided item.
  const forgetThisItem = () => queryClient.removeQueries(trpc.reviews.view.queryFilter({ escalationId }));
  // Marks the queue's lists stale (none is on screen, so nothing is fetched now).
  const queueChanged = () => void queryClient.invalidateQueries(trpc.queue.pathFilter());

  /** `lastHeartbeat` is the screen's heartbeat, sent before a decision that travels alone. */
  const submit = async (input: DecideInput, options: { finish?: boolean; leaving: boolean; lastHeartbeat: () => Promise<void> }) => {
    // A lead who is not a reviewer is here only to resolve a dispute with their own verification.
    const reviewer = user === undefined || hasPermission(user, "reviewEscalations");
    if (reviewer && !options.finish) {
      const { decided, next, nextRefused } = await decideAndClaimNext.mutateAsync({ ...input, leaving: options.leaving });
      const done = doneMessage(input.outcome, decided);
      queueChanged();
      if (!next) {
        const notice = nextRefused ? `The next item could not be claimed: ${nextRefused}` : "The queue is empty — nothing is waiting for review.";
        await navigate("/queue", { state: { notice: `${done}. ${notice}` } });
      } else {
        queryClient.setQueryData(trpc.reviews.view.queryKey({ escalationId: next.id }), next);
        // Drawn at once rather than as a transition, and the toast in the same frame: a toast arriving
        // later would shift the header's row while the reviewer (or a test) is already clicking.
        await navigate(`/review/${next.id}`, { flushSync: true });
        flushSync(() => toast(decided.status === "decided" ? `${done} — next item` : `${done}. Next item.`, "success"));
      }
      forgetThisItem();
      return;
    }
    // One last heartbeat first, so the seconds since the previous one count toward the dwell.
    await options.lastHeartbeat();
    const result = await decide.mutateAsync(input);
    const done = doneMessage(input.outcome, result);
    queueChanged();
    if (!reviewer) {
      void queryClient.invalidateQueries(trpc.reviews.disputes.pathFilter());
      toast(`${done} — the dispute is resolved with your verification`, "success");
      await navigate("/disputes");
    } else {
      await navigate("/queue", { state: { notice: `${done}. You finished: no next item was claimed, so nothing waits on you.` } });
    }
    forgetThisItem();
  };

  const releaseItem = async () => {
    await release.mutateAsync({ escalationId });
    queueChanged();
    if (user && !hasPermission(user, "reviewEscalations")) {
      void queryClient.invalidateQueries(trpc.reviews.disputes.pathFilter());
      await navigate("/disputes");
    } else {
      await navigate("/queue", { state: { notice: "Released — the escalation is back in the queue for someone else." } });
    }
    forgetThisItem();
  };

  return {
    submit,
    release: releaseItem,
    pending: decide.isPending || decideAndClaimNext.isPending || release.isPending,
  };
}

function doneMessage(outcome: Outcome, result: { status: string; verificationsRecorded: number; verificationsRequired: number }) {
  return result.status === "decided" ? outcomeLabel[outcome] : notYetDecided(result);
}
