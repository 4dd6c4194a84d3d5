import { answerRequestInputSchema, editAnswerInputSchema } from "@countersign/shared/affected-person-requests";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";

/**
 * The assignee's answer: recorded once; after that, a change is an edit with a reason, and the
 * earlier version stays in the record (it may already have been sent).
 */
export function AnswerForm({ requestId, current }: { requestId: string; current: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [answer, setAnswer] = useState(current ?? "");
  const [reason, setReason] = useState("");
  const [issues, setIssues] = useState<Record<string, string>>({});
  const onSuccess = async () => {
    toast(current === null ? "Answer recorded" : "Answer changed; the earlier version stays in the record", "success");
    setReason("");
    await queryClient.invalidateQueries(trpc.affectedPersonRequests.pathFilter());
  };
  const record = useMutation(trpc.affectedPersonRequests.answer.mutationOptions({ onSuccess }));
  const edit = useMutation(trpc.affectedPersonRequests.editAnswer.mutationOptions({ onSuccess }));
  const change = current === null ? record : edit;
  const shown = { ...(change.isError ? issuesByPath(change.error) : {}), ...issues };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (current === null) {
      const parsed = answerRequestInputSchema.safeParse({ requestId, answer });
      if (!parsed.success) return setIssues(zodIssuesByPath(parsed.error.issues));
      setIssues({});
      record.mutate(parsed.data);
    } else {
      const parsed = editAnswerInputSchema.safeParse({ requestId, answer, reason });
      if (!parsed.success) return setIssues(zodIssuesByPath(parsed.error.issues));
      setIssues({});
      edit.mutate(parsed.data);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={current === null ? "Answer the request" : "Change the answer"}>
      <FormField
        label={current === null ? "Answer" : "Changed answer"}
        error={shown.answer}
        hint="Written to the person: what the AI system did, what the people who decided did and why, and what the person may do next. Printed as plain text."
      >
        <textarea className="textarea" rows={8} value={answer} onChange={(e) => setAnswer(e.target.value)} />
      </FormField>
      {current !== null ? (
        <FormField label="Why the answer changes" error={shown.reason} hint="At least 10 characters; kept with the new version.">
          <input className="input" value={reason} onChange={(e) => setReason(e.target.value)} />
        </FormField>
      ) : null}
      {change.isError && Object.keys(issuesByPath(change.error)).length === 0 ? (
        <p className="form-error" role="alert">
          {errorMessage(change.error)}
        </p>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={change.isPending}>
          {change.isPending ? "Saving…" : current === null ? "Record the answer" : "Save the changed answer"}
        </Button>
      </div>
    </form>
  );
}
