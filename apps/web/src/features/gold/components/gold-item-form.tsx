import { outcomes, priorities, type Outcome, type Priority } from "@countersign/shared/enums";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { emptyGoldDraft, toGoldItem, withoutItemPrefix, type GoldDraft } from "../utils/gold-draft";
import { EvidenceFields } from "./evidence-fields";
import { PayloadField } from "./payload-field";

const outcomeLabels: Record<Outcome, string> = {
  rejected: "Rejected — the AI output is wrong",
  modified: "Modified — the AI output needs a correction",
  escalated: "Escalated — it needs someone more senior",
  approved: "Approved — the AI output is right",
};

/**
 * Adds one gold item: the escalation exactly as an AI system would send it, and the outcome a
 * careful reviewer should reach. Checked with the server's own schema; the server's issues are
 * shown on the same fields.
 */
export function GoldItemForm({ systemId }: { systemId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState<GoldDraft>(emptyGoldDraft);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const set = <K extends keyof GoldDraft>(key: K, value: GoldDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const add = useMutation(
    trpc.gold.add.mutationOptions({
      onSuccess: () => {
        toast(`Gold item ${draft.externalId} added; a copy is queued for reviewers`, "success");
        setDraft(emptyGoldDraft);
        void queryClient.invalidateQueries(trpc.gold.list.queryFilter({ systemId }));
      },
    }),
  );
  const serverIssues = add.isError ? withoutItemPrefix(issuesByPath(add.error)) : {};
  const shown = { ...issues, ...serverIssues };
  const unplaced = Object.entries(serverIssues).filter(([path]) => !fieldPaths.has(path) && !path.startsWith("escalation.evidence."));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { item, issues: found } = toGoldItem(draft);
    setIssues(found);
    if (!item) return;
    add.reset();
    add.mutate({ systemId, item });
  };

  return (
    <form className="form gold-form" onSubmit={submit} noValidate aria-label="Add a gold item">
      <div className="gold-form-grid">
        <FormField label="External id" error={shown["escalation.externalId"]} hint="The id the AI system would use, e.g. rt-90017. Reviewers see it.">
          <input className="input mono" value={draft.externalId} onChange={(e) => set("externalId", e.target.value)} autoComplete="off" />
        </FormField>
        <FormField label="Model" error={shown["escalation.model"]} hint="The model that produced the output, e.g. refund-llm-2026-10.">
          <input className="input" value={draft.model} onChange={(e) => set("model", e.target.value)} autoComplete="off" />
        </FormField>
        <FormField label="Confidence" error={shown["escalation.confidence"]} hint="The AI's confidence, from 0 to 1.">
          <input className="input num" inputMode="decimal" value={draft.confidence} onChange={(e) => set("confidence", e.target.value)} />
        </FormField>
        <FormField label="Priority" error={shown["escalation.priority"]}>
          <select className="select" value={draft.priority} onChange={(e) => set("priority", e.target.value as Priority)}>
            {priorities.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <div className="gold-form-reason">
        <FormField label="Reason code" error={shown["escalation.escalationReason.code"] ?? shown["escalation.escalationReason"]} hint="Why the AI escalated, e.g. low_confidence.">
          <input className="input mono" value={draft.reasonCode} onChange={(e) => set("reasonCode", e.target.value)} autoComplete="off" />
        </FormField>
        <FormField label="Reason explanation" error={shown["escalation.escalationReason.explanation"]}>
          <input className="input" value={draft.reasonExplanation} onChange={(e) => set("reasonExplanation", e.target.value)} />
        </FormField>
      </div>
      <FormField label="Context summary" error={shown["escalation.contextSummary"]} hint="What a reviewer needs to know first, as the AI system would summarise it.">
        <textarea className="textarea" rows={2} value={draft.contextSummary} onChange={(e) => set("contextSummary", e.target.value)} />
      </FormField>
      <PayloadField
        label="Input"
        value={draft.input}
        format={draft.inputFormat}
        onChange={(v) => set("input", v)}
        onFormat={(f) => set("inputFormat", f)}
        error={shown["escalation.input"]}
        hint="What the AI was asked."
      />
      <PayloadField
        label="AI output"
        value={draft.aiOutput}
        format={draft.outputFormat}
        onChange={(v) => set("aiOutput", v)}
        onFormat={(f) => set("outputFormat", f)}
        error={shown["escalation.aiOutput"]}
        hint='What the AI proposed — typically a known-wrong answer, e.g. {"decision": "refund", "amount": 890}.'
      />
      <EvidenceFields evidence={draft.evidence} onChange={(evidence) => set("evidence", evidence)} issues={shown} />
      <fieldset className="field">
        <legend className="field-label">Expected outcome</legend>
        <div className="choice-list">
          {outcomes.map((o) => (
            <label key={o} className="choice">
              <input type="radio" name="expectedOutcome" value={o} checked={draft.expectedOutcome === o} onChange={() => set("expectedOutcome", o)} />
              <span>{outcomeLabels[o]}</span>
            </label>
          ))}
        </div>
        {shown.expectedOutcome ? <div className="field-error">{shown.expectedOutcome}</div> : null}
      </fieldset>
      <FormField label="Notes" error={shown.notes} hint="For admins and leads only: what is wrong with the output and what a reviewer should notice (up to 2000 characters).">
        <textarea className="textarea" rows={2} value={draft.notes} onChange={(e) => set("notes", e.target.value)} />
      </FormField>
      {Object.keys(issues).length > 0 ? (
        <p className="form-error" role="alert">
          {Object.keys(issues).length === 1 ? "One field needs attention" : `${Object.keys(issues).length} fields need attention`}: see the messages above.
        </p>
      ) : null}
      {add.isError ? (
        <div className="form-error" role="alert">
          <p>{errorMessage(add.error)}</p>
          {unplaced.length ? (
            <ul className="issue-list">
              {unplaced.map(([path, message]) => (
                <li key={path}>
                  <code>{path}</code>: {message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Add gold item"}
        </Button>
      </div>
    </form>
  );
}

/** Paths that have a field of their own in this form; anything else from the server is listed under the form. */
const fieldPaths = new Set([
  "escalation.externalId",
  "escalation.model",
  "escalation.confidence",
  "escalation.priority",
  "escalation.escalationReason",
  "escalation.escalationReason.code",
  "escalation.escalationReason.explanation",
  "escalation.contextSummary",
  "escalation.input",
  "escalation.aiOutput",
  "escalation.evidence",
  "expectedOutcome",
  "notes",
]);
