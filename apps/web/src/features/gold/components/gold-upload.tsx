import { importGoldJsonlInputSchema } from "@countersign/shared/gold";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useId, useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { StateMessage } from "../../../components/ui/state-message";
import { errorMessage, zodIssuesByPath, type FieldIssue } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";

const example = `{"escalation": {"externalId": "rt-gold-7", "input": "Refund order 5531?", "aiOutput": {"decision": "refund", "amount": 890}, "confidence": 0.91, "model": "refund-llm", "escalationReason": {"code": "high_amount", "explanation": "Amount above 500 EUR"}, "contextSummary": "Order 5531 was paid 89.00 EUR."}, "expectedOutcome": "rejected", "notes": "The amount is ten times the order."}`;

/** Every issue the server found, in file order (the server names each by line and field). */
function serverIssues(error: unknown): FieldIssue[] {
  if (!(error instanceof TRPCClientError)) return [];
  return ((error.data as { issues?: FieldIssue[] } | undefined)?.issues ?? []).slice(0, 200);
}

/** Gold items from a JSONL file, one item per line. All of them are imported, or — on any bad line — none. */
export function GoldUpload({ systemId }: { systemId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [issue, setIssue] = useState<string | null>(null);
  const upload = useMutation(
    trpc.gold.importJsonl.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.gold.list.queryFilter({ systemId })),
    }),
  );

  const choose = async (chosen: File | undefined) => {
    upload.reset();
    setIssue(null);
    setFile(chosen ? { name: chosen.name, text: await chosen.text() } : null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setIssue("choose a .jsonl file first");
    const parsed = importGoldJsonlInputSchema.safeParse({ systemId, jsonl: file.text });
    if (!parsed.success) return setIssue(zodIssuesByPath(parsed.error.issues).jsonl ?? "the file cannot be uploaded");
    setIssue(null);
    upload.mutate(parsed.data);
  };

  const problems = upload.isError ? serverIssues(upload.error) : [];
  return (
    <form className="form gold-upload" onSubmit={submit} noValidate aria-label="Import gold items from JSONL">
      <div className="field">
        <label className="field-label" htmlFor={`${id}-file`}>
          JSONL file
        </label>
        <input
          id={`${id}-file`}
          className="file-input"
          type="file"
          accept=".jsonl,.ndjson,application/x-ndjson,application/jsonl,text/plain"
          onChange={(e) => void choose(e.target.files?.[0])}
          aria-describedby={`${id}-hint${issue ? ` ${id}-error` : ""}`}
          aria-invalid={issue ? true : undefined}
        />
        <div className="field-hint" id={`${id}-hint`}>
          One gold item per line, up to 5 MiB: <code>{"{ \"escalation\": { … }, \"expectedOutcome\": \"rejected\", \"notes\": \"…\" }"}</code>. If any line has a
          problem, nothing is imported.
        </div>
        {issue ? (
          <div className="field-error" id={`${id}-error`}>
            {issue}
          </div>
        ) : null}
      </div>
      <details className="gold-example">
        <summary>Example line</summary>
        <pre className="payload payload-json">{example}</pre>
      </details>
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={upload.isPending}>
          {upload.isPending ? "Importing…" : "Import gold items"}
        </Button>
      </div>
      {upload.isSuccess ? (
        <StateMessage tone="success" title={`Imported ${upload.data.imported} gold ${upload.data.imported === 1 ? "item" : "items"} from ${file?.name ?? "the file"}`}>
          A copy of each is queued for reviewers at this system&apos;s gold rate.
        </StateMessage>
      ) : null}
      {upload.isError ? (
        <StateMessage tone="error" title="Nothing was imported">
          <p>{problems.length ? `${file?.name ?? "The file"} has ${problems.length} ${problems.length === 1 ? "problem" : "problems"}; fix them and upload it again.` : errorMessage(upload.error)}</p>
          {problems.length ? (
            <ul className="issue-list" aria-label="Problems in the file">
              {problems.map((p, index) => (
                <li key={index}>
                  <code>{p.path}</code>: {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </StateMessage>
      ) : null}
    </form>
  );
}
