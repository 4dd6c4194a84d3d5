import { outcomes, type Outcome } from "@countersign/shared/enums";
import { resolveInputSchema } from "@countersign/shared/review";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import type { Dispute } from "../utils/types";

const outcomeLabel: Record<Outcome, string> = { approved: "Approve", modified: "Modify", rejected: "Reject", escalated: "Escalate" };
const outcomeHint: Record<Outcome, string> = {
  approved: "the AI output takes effect unchanged",
  modified: "your corrected output takes effect instead",
  rejected: "the AI output does not take effect",
  escalated: "the case goes to a decision outside this review",
};
const minRationale = 20;

/** A lead's resolution of one disagreement: the outcome that takes effect, and why. */
export function ResolutionForm({ dispute }: { dispute: Dispute }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [rationale, setRationale] = useState("");
  const [corrected, setCorrected] = useState("");
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
  const server = resolve.isError ? issuesByPath(resolve.error) : {};
  const shown = { ...server, ...issues };
  const corrections = dispute.verifications.filter((v) => v.correctedOutput !== null);
  const length = rationale.trim().length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!outcome) {
      setIssues({ outcome: "Choose the outcome that takes effect." });
      return;
    }
    const parsed = resolveInputSchema.safeParse({
      escalationId: dispute.id,
      outcome,
      rationale,
      ...(outcome === "modified" ? { correctedOutput: corrected } : {}),
    });
    if (!parsed.success) {
      setIssues(zodIssuesByPath(parsed.error.issues));
      return;
    }
    setIssues({});
    resolve.mutate(parsed.data);
  };

  return (
    <form className="form resolution-form" onSubmit={submit} noValidate aria-label={`Resolve ${dispute.externalId}`}>
      <fieldset className="field" aria-describedby={shown.outcome ? `${id}-outcome-error` : undefined}>
        <legend className="field-label">Outcome</legend>
        <div className="choice-list">
          {outcomes.map((o) => (
            <label key={o} className="choice">
              <input type="radio" name={`${id}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
              <span>
                <strong>{outcomeLabel[o]}</strong> <span className="muted">— {outcomeHint[o]}</span>
              </span>
            </label>
          ))}
        </div>
        {shown.outcome ? (
          <div className="field-error" id={`${id}-outcome-error`}>
            {shown.outcome}
          </div>
        ) : null}
      </fieldset>
      {outcome === "modified" ? (
        <FormField
          label="Corrected output"
          error={shown.correctedOutput}
          hint={
            corrections.length ? (
              <span className="row-gap">
                Start from:
                {corrections.map((v) => (
                  <Button key={v.id} size="sm" onClick={() => setCorrected(v.correctedOutput ?? "")}>
                    {v.reviewerName}&apos;s correction
                  </Button>
                ))}
              </span>
            ) : (
              "What takes effect instead of the AI output."
            )
          }
        >
          <textarea className="textarea mono" rows={6} value={corrected} onChange={(e) => setCorrected(e.target.value)} />
        </FormField>
      ) : null}
      <FormField
        label="Rationale"
        error={shown.rationale}
        hint={length >= minRationale ? `${length} characters.` : `At least ${minRationale} characters; ${minRationale - length} to go. Say why this outcome, and what the reviewers' disagreement turned on.`}
      >
        <textarea className="textarea" rows={4} value={rationale} onChange={(e) => setRationale(e.target.value)} />
      </FormField>
      {resolve.isError && !server.rationale && !server.correctedOutput ? (
        <p className="form-error" role="alert">
          {errorMessage(resolve.error)}
        </p>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={resolve.isPending}>
          {resolve.isPending ? "Recording…" : "Record resolution"}
        </Button>
      </div>
    </form>
  );
}
