import { recordReReviewInputSchema } from "@countersign/shared/affected-person-requests";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";

/** Records that the decision went back to review, then what the re-review found (and the new round's escalation, where there is one). */
export function ReReviewForm({ requestId, status }: { requestId: string; status: "none" | "requested" | "completed" }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [result, setResult] = useState("");
  const [escalationId, setEscalationId] = useState("");
  const [issues, setIssues] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.affectedPersonRequests.recordReReview.mutationOptions({
      onSuccess: async () => {
        toast("Re-review recorded", "success");
        await queryClient.invalidateQueries(trpc.affectedPersonRequests.pathFilter());
      },
    }),
  );
  const shown = { ...(save.isError ? issuesByPath(save.error) : {}), ...issues };
  const send = (next: "requested" | "completed") => (event?: FormEvent) => {
    event?.preventDefault();
    const parsed = recordReReviewInputSchema.safeParse({ requestId, status: next, result, ...(escalationId.trim() ? { escalationId: escalationId.trim() } : {}) });
    if (!parsed.success) return setIssues(zodIssuesByPath(parsed.error.issues));
    setIssues({});
    save.mutate(parsed.data);
  };
  if (status === "completed") return null;
  return (
    <form className="form" onSubmit={send("completed")} noValidate aria-label="Record a re-review">
      <FormField label="What the re-review found" error={shown.result} hint="Needed once the re-review is completed; at least 10 characters.">
        <textarea className="textarea" rows={3} value={result} onChange={(e) => setResult(e.target.value)} />
      </FormField>
      <FormField label="Escalation of the new review round (optional)" error={shown.escalationId} hint="Where the decision was reopened in Countersign: that escalation's id.">
        <input className="input mono" value={escalationId} onChange={(e) => setEscalationId(e.target.value)} />
      </FormField>
      {save.isError && Object.keys(issuesByPath(save.error)).length === 0 ? (
        <p className="form-error" role="alert">
          {errorMessage(save.error)}
        </p>
      ) : null}
      <div className="form-actions row-gap">
        {status === "none" ? (
          <Button type="button" onClick={() => send("requested")()} disabled={save.isPending}>
            Re-review requested
          </Button>
        ) : null}
        <Button type="submit" variant="primary" disabled={save.isPending}>
          Re-review completed
        </Button>
      </div>
    </form>
  );
}
