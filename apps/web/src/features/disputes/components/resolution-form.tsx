import { resolveInputSchema } from "@countersign/shared/review";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import type { Dispute } from "../utils/types";

const outcomeHint: Record<string, string> = {
  approved: "the decision approves the AI output unchanged",
  modified: "the decision is this reviewer's corrected output",
  rejected: "the decision rejects the AI output",
  escalated: "the case goes to a decision outside this review",
};
const minRationale = 20;

/**
 * The resolution of one disagreement by someone holding override for the system: adopt one of
 * the recorded verifications (its outcome and correction become the decision, never one nobody chose),
 * or take the dispute up and record a full verification of one's own on the review screen.
 */
export function ResolutionForm({ dispute }: { dispute: Dispute }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const id = useId();
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const [rationale, setRationale] = useState("");
  const [issues, setIssues] = useState<Record<string, string>>({});
  const resolve = useMutation(
    trpc.reviews.resolve.mutationOptions({
      onSuccess: async (result) => {
        toast(`Resolved — ${dispute.externalId} is decided: ${result.outcome}`, "success");
        await queryClient.invalidateQueries(trpc.reviews.disputes.pathFilter());
        void queryClient.invalidateQueries(trpc.queue.pathFilter());
      },
    }),
  );
  const takeUp = useMutation(
    trpc.reviews.takeUpDispute.mutationOptions({
      onSuccess: async () => {
        await navigate(`/review/${dispute.id}`);
      },
    }),
  );
  const server = resolve.isError ? issuesByPath(resolve.error) : {};
  const shown = { ...server, ...issues };
  const length = rationale.trim().length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!verificationId) {
      setIssues({ verificationId: "Choose the verification whose outcome becomes the decision." });
      return;
    }
    const parsed = resolveInputSchema.safeParse({ escalationId: dispute.id, verificationId, rationale });
    if (!parsed.success) {
      setIssues(zodIssuesByPath(parsed.error.issues));
      return;
    }
    setIssues({});
    resolve.mutate(parsed.data);
  };

  if (dispute.takenUpBySomeoneElse) {
    return <p className="muted">Someone with the override authority is recording their own verification of this escalation.</p>;
  }

  return (
    <form className="form resolution-form" onSubmit={submit} noValidate aria-label={`Resolve ${dispute.externalId}`}>
      <p className="muted">
        Resolving under your qualification for this system (override authority). The decision is an outcome a verifier reached: adopt
        it, or record your own verification, which counts as one more.
      </p>
      <fieldset className="field" aria-describedby={shown.verificationId ? `${id}-adopt-error` : undefined}>
        <legend className="field-label">Adopt a verification</legend>
        <div className="choice-list">
          {dispute.verifications.map((v, index) => (
            <label key={v.id} className="choice">
              <input type="radio" name={`${id}-adopt`} value={v.id} checked={verificationId === v.id} onChange={() => setVerificationId(v.id)} />
              <span>
                <strong>
                  Adopt verification {index + 1} by {v.reviewerName}: {v.outcome}
                </strong>{" "}
                <span className="muted">— {outcomeHint[v.outcome]}</span>
              </span>
            </label>
          ))}
        </div>
        {shown.verificationId ? (
          <div className="field-error" id={`${id}-adopt-error`}>
            {shown.verificationId}
          </div>
        ) : null}
      </fieldset>
      <FormField
        label="Rationale"
        error={shown.rationale}
        hint={length >= minRationale ? `${length} characters.` : `At least ${minRationale} characters; ${minRationale - length} to go. Say why this verification is right, and what the disagreement turned on.`}
      >
        <textarea className="textarea" rows={4} value={rationale} onChange={(e) => setRationale(e.target.value)} />
      </FormField>
      {resolve.isError && !server.rationale && !server.verificationId ? (
        <p className="form-error" role="alert">
          {errorMessage(resolve.error)}
        </p>
      ) : null}
      {takeUp.isError ? (
        <p className="form-error" role="alert">
          {errorMessage(takeUp.error)}
        </p>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={resolve.isPending}>
          {resolve.isPending ? "Recording…" : "Record resolution"}
        </Button>
        <Button onClick={() => takeUp.mutate({ escalationId: dispute.id })} disabled={takeUp.isPending}>
          {dispute.takenUpByMe ? "Continue my own verification" : "Record my own verification instead"}
        </Button>
      </div>
    </form>
  );
}
