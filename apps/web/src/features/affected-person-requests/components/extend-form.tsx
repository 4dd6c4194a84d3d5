import { extendRequestInputSchema, maxExtensionMonths } from "@countersign/shared/affected-person-requests";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { formatDateTime } from "@countersign/shared/format";
import { useTRPC } from "../../../lib/trpc";

/** A lead extends the due date by one or two further months while the first month runs (GDPR Art. 12(3)); the person must be told why. */
export function ExtendForm({ requestId, extendedByMonths }: { requestId: string; extendedByMonths: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const left = maxExtensionMonths - extendedByMonths;
  const [months, setMonths] = useState(1);
  const [reason, setReason] = useState("");
  const [issues, setIssues] = useState<Record<string, string>>({});
  const extend = useMutation(
    trpc.affectedPersonRequests.extend.mutationOptions({
      onSuccess: async ({ dueAt }) => {
        toast(`Due date extended to ${formatDateTime(dueAt)}: tell the person, with the reasons`, "success");
        setReason("");
        await queryClient.invalidateQueries(trpc.affectedPersonRequests.pathFilter());
      },
    }),
  );
  if (left <= 0) return <p className="muted">The due date is extended by the most GDPR Art. 12(3) allows.</p>;
  const shown = { ...(extend.isError ? issuesByPath(extend.error) : {}), ...issues };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = extendRequestInputSchema.safeParse({ requestId, months, reason });
    if (!parsed.success) return setIssues(zodIssuesByPath(parsed.error.issues));
    setIssues({});
    extend.mutate(parsed.data);
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Extend the due date">
      <FormField label="Further months" error={shown.months}>
        <select className="select" value={months} onChange={(e) => setMonths(Number(e.target.value))}>
          {Array.from({ length: left }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </FormField>
      <FormField label="Why more time is necessary" error={shown.reason} hint="Complexity or number of requests; the person must be told within the first month.">
        <input className="input" value={reason} onChange={(e) => setReason(e.target.value)} />
      </FormField>
      {extend.isError && Object.keys(issuesByPath(extend.error)).length === 0 ? (
        <p className="form-error" role="alert">
          {errorMessage(extend.error)}
        </p>
      ) : null}
      <div className="form-actions">
        <Button type="submit" disabled={extend.isPending}>
          Extend the due date
        </Button>
      </div>
    </form>
  );
}
