import { minReopenReasonLength } from "@countersign/shared/review";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../components/ui/button";
import { ReasonDialog } from "../../../components/ui/reason-dialog";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";

/**
 * Reverses a decision (EU AI Act Art. 14(4)(d)): the escalation goes back to review as a new round,
 * the decision shown stays in the record as superseded, and the AI system is told. The caller shows
 * it only to people holding reopenDecisions; the server also checks the override qualification.
 */
export function ReopenDecision({ escalationId, round }: { escalationId: string; round: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const reopen = useMutation(
    trpc.reviews.reopen.mutationOptions({
      onSuccess: async (result) => {
        setOpen(false);
        toast(`Reopened: round ${result.round} waits in the review queue; the AI system is told`, "success");
        await Promise.all([
          queryClient.invalidateQueries(trpc.reviews.detail.queryFilter({ escalationId })),
          queryClient.invalidateQueries(trpc.audit.timeline.queryFilter({ escalationId })),
        ]);
      },
    }),
  );
  return (
    <div className="reopen-decision">
      <Button
        variant="danger"
        size="sm"
        onClick={() => {
          reopen.reset();
          setOpen(true);
        }}
      >
        Reopen
      </Button>
      <ReasonDialog
        open={open}
        onOpenChange={setOpen}
        title={`Reopen this decision for review round ${round + 1}?`}
        description="The escalation goes back to the review queue under the same review policy, for reviewers who did not verify it before. This decision stays in the record, marked superseded, and the AI system is sent escalation.reopened, then the new decision."
        reasonLabel="Why reopen it"
        confirmLabel="Reopen for a new round"
        minLength={minReopenReasonLength}
        pending={reopen.isPending}
        error={reopen.isError ? (issuesByPath(reopen.error).reason ?? errorMessage(reopen.error)) : null}
        onConfirm={(reason) => reopen.mutate({ escalationId, reason })}
      />
    </div>
  );
}
