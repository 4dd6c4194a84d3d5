import { formatDateTime } from "@countersign/shared/format";
import { instructionsForUseSchema, type InstructionsForUse } from "@countersign/shared/instructions";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { Skeleton } from "../../../components/ui/skeleton";
import { useToast } from "../../../components/ui/toast";
import { UntrustedText } from "../../../components/untrusted-text";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";

const fields: { field: keyof InstructionsForUse; label: string; hint: string; rows: number }[] = [
  { field: "provider", label: "Provider", hint: "Who placed the AI system on the market (Art. 13(3)(a)).", rows: 1 },
  { field: "providerContact", label: "Provider's contact", hint: "Address, email or phone for questions and serious incidents.", rows: 2 },
  { field: "intendedPurpose", label: "Intended purpose", hint: "What the system is for, as the provider states it (Art. 13(3)(b)(i)).", rows: 4 },
  { field: "knownLimitations", label: "Known limitations", hint: "Accuracy limits and circumstances that may lead to risks (Art. 13(3)(b)).", rows: 5 },
  { field: "oversightInstructions", label: "Oversight instructions", hint: "How reviewers should read and check the output (Art. 13(3)(d), 14).", rows: 5 },
];
const blank: InstructionsForUse = { provider: "", providerContact: "", intendedPurpose: "", knownLimitations: "", oversightInstructions: "" };

/**
 * The system's instructions for use (EU AI Act Art. 13, 26(1)): saving records a new version that
 * reviewers see from their next review screen; earlier versions stay, listed below, never changed.
 */
export function InstructionsTab({ systemId }: { systemId: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.instructions.history.queryOptions({ systemId }));
  if (history.isPending) return <Skeleton lines={6} label="Loading the instructions for use…" />;
  if (history.isError) return <p className="form-error">{errorMessage(history.error)}</p>;
  const current = history.data[0];
  return (
    <div className="stack">
      <InstructionsForm key={current?.id ?? "none"} systemId={systemId} current={current ?? blank} version={current?.version ?? 0} />
      <section aria-labelledby="instructions-versions">
        <h3 id="instructions-versions">Versions</h3>
        {history.data.length === 0 ? (
          <p className="muted">None recorded yet: reviewers see no instructions for use on the review screen.</p>
        ) : (
          <ol className="instructions-versions" reversed>
            {history.data.map((v) => (
              <li key={v.id}>
                Version {v.version}, in force from {formatDateTime(Date.parse(v.createdAt))}
                {v.recordedBy ? (
                  <>
                    {" "}
                    by <UntrustedText text={v.recordedBy} />
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function InstructionsForm({ systemId, current, version }: { systemId: string; current: InstructionsForUse; version: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState<InstructionsForUse>({
    provider: current.provider,
    providerContact: current.providerContact,
    intendedPurpose: current.intendedPurpose,
    knownLimitations: current.knownLimitations,
    oversightInstructions: current.oversightInstructions,
  });
  const [issues, setIssues] = useState<Record<string, string>>({});
  const record = useMutation(
    trpc.instructions.record.mutationOptions({
      onSuccess: async (saved) => {
        await queryClient.invalidateQueries(trpc.instructions.history.pathFilter());
        toast(`Version ${saved.version} recorded; reviewers see it from their next review`, "success");
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = instructionsForUseSchema.safeParse(draft);
    if (!parsed.success) {
      setIssues(zodIssuesByPath(parsed.error.issues));
      return;
    }
    setIssues({});
    record.mutate({ systemId, ...parsed.data });
  };
  const serverIssues = record.isError ? issuesByPath(record.error) : {};
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Instructions for use">
      <p className="muted">
        {version === 0 ? "No version recorded yet." : `Version ${version} is in force.`} Saving records a new version; earlier ones stay as they were, and
        each verification names the version in force when it was made.
      </p>
      {fields.map(({ field, label, hint, rows }) => (
        <FormField key={field} label={label} hint={hint} error={issues[field] ?? serverIssues[field]}>
          <textarea className="input" rows={rows} value={draft[field]} onChange={(e) => setDraft({ ...draft, [field]: e.target.value })} />
        </FormField>
      ))}
      {record.isError && Object.keys(serverIssues).length === 0 ? <p className="form-error">{errorMessage(record.error)}</p> : null}
      <div>
        <Button type="submit" variant="primary" disabled={record.isPending}>
          {record.isPending ? "Recording…" : "Record a new version"}
        </Button>
      </div>
    </form>
  );
}
