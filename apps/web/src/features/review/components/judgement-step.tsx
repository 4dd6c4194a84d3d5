import { recordJudgementInputSchema, type JudgementVerdict } from "@countersign/shared/review";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RadioGroup } from "radix-ui";
import { useRef, useState, type KeyboardEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { UntrustedText } from "../../../components/untrusted-text";

type Props = { escalationId: string; judgement: { verdict: JudgementVerdict; reason: string } | null };

const verdicts: { value: JudgementVerdict; label: string; key: string }[] = [
  { value: "approve", label: "I would approve", key: "a" },
  { value: "reject", label: "I would reject", key: "r" },
];

/** Once the verdict is in, the AI output it unlocked is what to read next. */
function focusRevealedOutput() {
  window.requestAnimationFrame(() => document.getElementById("read-output")?.focus());
}

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
  const reasonRef = useRef<HTMLInputElement>(null);
  const record = useMutation(
    trpc.reviews.recordJudgement.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.reviews.view.queryFilter({ escalationId }));
        focusRevealedOutput();
      },
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
  // a / r choose the verdict (not the page's shortcuts) and move on to the reason.
  const onVerdictKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const choice = verdicts.find((v) => v.key === event.key.toLowerCase());
    if (!choice) return;
    event.preventDefault();
    event.stopPropagation();
    setVerdict(choice.value);
    reasonRef.current?.focus();
  };
  const onReasonKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      submit();
    } else if (event.key === "Escape") {
      event.currentTarget.blur();
    }
  };
  const shown = { ...issues, ...(record.isError ? issuesByPath(record.error) : {}) };

  return (
    <div className="judgement">
      <p className="judgement-title">
        Your own judgement first{" "}
        <kbd className="kbd" aria-hidden="true">
          v
        </kbd>
      </p>
      <p className="field-hint">
        Decide from the input, the summary and the evidence. The AI output and its confidence are shown once your verdict is recorded;
        it cannot be changed afterwards.
      </p>
      <RadioGroup.Root
        className="check-options judgement-options"
        aria-label="Your own verdict"
        data-shortcut="verdict"
        aria-keyshortcuts="V"
        value={verdict ?? ""}
        onValueChange={(v) => setVerdict(v as JudgementVerdict)}
        onKeyDown={onVerdictKey}
      >
        {verdicts.map((v) => (
          <label key={v.value} className="check-option">
            <RadioGroup.Item value={v.value} className="radio">
              <RadioGroup.Indicator className="radio-dot" />
            </RadioGroup.Item>
            <span>{v.label}</span>
            <kbd className="kbd" aria-hidden="true">
              {v.key}
            </kbd>
          </label>
        ))}
      </RadioGroup.Root>
      {shown.verdict ? <div className="field-error">{shown.verdict}</div> : null}
      <FormField label="Why, in one line" error={shown.reason}>
        <input ref={reasonRef} className="input" value={reason} onChange={(e) => setReason(e.target.value)} onKeyDown={onReasonKey} maxLength={500} enterKeyHint="done" />
      </FormField>
      {record.isError && !shown.verdict && !shown.reason ? <p className="form-error">{errorMessage(record.error)}</p> : null}
      <Button variant="primary" onClick={submit} disabled={record.isPending}>
        {record.isPending ? "Recording…" : "Record my judgement"}
        <kbd className="kbd" aria-hidden="true">
          Enter
        </kbd>
      </Button>
    </div>
  );
}
