import { readinessMilestones, readinessVerdicts, recordReadinessReviewInputSchema } from "@countersign/shared/operations";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { milestoneLabels, verdictLabels, type Milestone, type Verdict } from "../utils/format";

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** "attendees.2" → "attendees": an item's rule is shown under its field. */
const byField = (issues: Record<string, string>) => {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(issues)) {
    const [field, index] = path.split(".");
    out[field!] ??= index === undefined ? message : `line ${Number(index) + 1}: ${message}`;
  }
  return out;
};

/**
 * The lead records the review: milestone, verdict, who attended, the actions agreed, notes.
 * The server freezes the live figures with it and writes the audit entry.
 */
export function RecordReviewForm({ systemId, suggested }: { systemId: string; suggested: Milestone | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [milestone, setMilestone] = useState<Milestone>(suggested ?? "quarterly");
  const [verdict, setVerdict] = useState<Verdict | "">("");
  const [attendees, setAttendees] = useState("");
  const [actions, setActions] = useState("");
  const [notes, setNotes] = useState("");
  const [issues, setIssues] = useState<Record<string, string>>({});
  const record = useMutation(
    trpc.readiness.record.mutationOptions({
      onSuccess: async () => {
        setVerdict("");
        setAttendees("");
        setActions("");
        setNotes("");
        await queryClient.invalidateQueries(trpc.readiness.pathFilter());
        toast("Readiness review recorded, with the figures as they are now", "success");
      },
    }),
  );
  const shown = { ...issues, ...(record.isError ? byField(issuesByPath(record.error)) : {}) };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const candidate = { systemId, milestone, verdict, attendees: lines(attendees), actions: lines(actions), notes };
    const parsed = recordReadinessReviewInputSchema.safeParse(candidate);
    if (!parsed.success) {
      const found = byField(zodIssuesByPath(parsed.error.issues));
      if (found.verdict) found.verdict = "choose a verdict: go, go with actions, or no-go";
      setIssues(found);
      return;
    }
    setIssues({});
    record.mutate(parsed.data);
  };

  return (
    <form className="form record-review" onSubmit={submit} noValidate aria-labelledby="record-review-title">
      <div>
        <h2 id="record-review-title" className="section-title">
          Record a review
        </h2>
        <p className="section-sub">The figures on this page are frozen with the review; the audit log records who held it and its verdict.</p>
      </div>
      <FormField label="Milestone" error={shown.milestone}>
        <select className="select" value={milestone} onChange={(e) => setMilestone(e.target.value as Milestone)}>
          {readinessMilestones.map((m) => (
            <option key={m} value={m}>
              {milestoneLabels[m]}
            </option>
          ))}
        </select>
      </FormField>
      <fieldset className="field" aria-describedby={shown.verdict ? "verdict-error" : undefined}>
        <legend className="field-label">Verdict</legend>
        <div className="choice-list verdict-choices">
          {readinessVerdicts.map((v) => (
            <label key={v} className="choice">
              <input type="radio" name="verdict" value={v} checked={verdict === v} onChange={() => setVerdict(v)} />
              <span>{verdictLabels[v]}</span>
            </label>
          ))}
        </div>
        {shown.verdict ? (
          <div className="field-error" id="verdict-error">
            {shown.verdict}
          </div>
        ) : null}
      </fieldset>
      <FormField label="Attendees" error={shown.attendees} hint="One name per line; at least one.">
        <textarea className="textarea" rows={3} value={attendees} onChange={(e) => setAttendees(e.target.value)} />
      </FormField>
      <FormField label="Actions" error={shown.actions} hint="One action per line, with its owner. A go with actions needs at least one.">
        <textarea className="textarea" rows={3} value={actions} onChange={(e) => setActions(e.target.value)} />
      </FormField>
      <FormField label="Notes" error={shown.notes} hint="Optional; up to 5,000 characters.">
        <textarea className="textarea" rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </FormField>
      {record.isError && Object.keys(issuesByPath(record.error)).length === 0 ? (
        <p className="form-error" role="alert">
          {errorMessage(record.error)}
        </p>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={record.isPending}>
          {record.isPending ? "Recording…" : "Record review"}
        </Button>
      </div>
    </form>
  );
}
