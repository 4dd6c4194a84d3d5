import { recordJudgementInputSchema, type JudgementVerdict } from "@countersign/shared/review";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RadioGroup } from "radix-ui";
import { useState } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { UntrustedText } from "../../../components/untrusted-text";

type Props = { escalationId: string; judgement: { verdict: JudgementVerdict; reason: string } | null };

const verdicts: { value: JudgementVerdict; label: string }[] = [
  { value: "approve", label: "I would approve" },
  { value: "reject", label: "I would reject" },
];

/**
 * Judgement first: the reviewer's own verdict from the input, summary and evidence, before the
 * AI output and confidence are revealed. Recorded once; then the view reloads with the output.
 */
export function JudgementStep({ escalationId, judgement }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [verdict, setVerdict] = useState<JudgementVerdict | undefined>();
  const [reason, setReason] = useState("");
  const [issues, setIssues] = useState<Record<string, string>>({});
  const record = useMutation(
    trpc.reviews.recordJudgement.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.reviews.view.queryFilter({ escalationId })),
    }),
  );

  if (judgement) {
    return (
      <div className="judgement judgement-done" role="status">
        <p className="field-label">Your own judgement (recorded)</p>
        <p>
          <strong>{judgement.verdict === "approve" ? "Approve" : "Reject"}</strong> — <UntrustedText text={judgement.reason} />
        </p>
      </div>
    );
  }

  const submit = () => {
    const parsed = recordJudgementInputSchema.safeParse({ escalationId, verdict, reason });
    if (!parsed.success) {
      setIssues(zodIssuesByPath(parsed.error.issues));
      return;
    }
    setIssues({});
    record.mutate(parsed.data);
  };
  const shown = { ...issues, ...(record.isError ? issuesByPath(record.error) : {}) };

  return (
    <div className="judgement">
      <p className="judgement-title">Your own judgement first</p>
      <p className="field-hint">
        Decide from the input, the summary and the evidence. The AI output and its confidence are shown once your verdict is recorded;
        it cannot be changed afterwards.
      </p>
      <RadioGroup.Root
        className="check-options judgement-options"
        aria-label="Your own verdict"
        value={verdict ?? ""}
        onValueChange={(v) => setVerdict(v as JudgementVerdict)}
      >
        {verdicts.map((v) => (
          <label key={v.value} className="check-option">
            <RadioGroup.Item value={v.value} className="radio">
              <RadioGroup.Indicator className="radio-dot" />
            </RadioGroup.Item>
            <span>{v.label}</span>
          </label>
        ))}
      </RadioGroup.Root>
      {shown.verdict ? <div className="field-error">{shown.verdict}</div> : null}
      <FormField label="Why, in one line" error={shown.reason}>
        <input className="input" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </FormField>
      {record.isError && !shown.verdict && !shown.reason ? <p className="form-error">{errorMessage(record.error)}</p> : null}
      <Button variant="primary" onClick={submit} disabled={record.isPending}>
        {record.isPending ? "Recording…" : "Record my judgement"}
      </Button>
    </div>
  );
}
