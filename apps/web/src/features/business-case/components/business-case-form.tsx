import type { BusinessCase } from "@countersign/shared/cost-model";
import type { OversightMode } from "@countersign/shared/enums";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { issuesByField, parseDraft, toDraft, type DraftField } from "../utils/draft";
import { CostPreview } from "./cost-preview";

type Props = {
  systemId: string;
  businessCase: BusinessCase | null;
  liveSince: number | null;
  oversightMode: OversightMode;
  measuredSeconds: number | null;
};

/** The business case an AI system was approved on, with inline validation and a live cost preview. */
export function BusinessCaseForm({ systemId, businessCase, liveSince, oversightMode, measuredSeconds }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState(() => toDraft(businessCase, liveSince));
  const [issues, setIssues] = useState<Partial<Record<DraftField, string>>>({});
  const save = useMutation(
    trpc.systems.setBusinessCase.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.systems.list.pathFilter()),
          queryClient.invalidateQueries(trpc.metrics.pathFilter()),
          queryClient.invalidateQueries(trpc.readiness.pathFilter()),
        ]);
        toast("Business case saved; the measured figures and the drift check follow it from now on", "success");
      },
    }),
  );
  const shown = { ...issues, ...(save.isError ? issuesByField(issuesByPath(save.error)) : {}) };
  const set = (field: DraftField) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseDraft(draft);
    if (!parsed.ok) {
      setIssues(parsed.issues);
      return;
    }
    setIssues({});
    save.mutate({ systemId, businessCase: parsed.businessCase, liveSince: parsed.liveSince });
  };

  const number = (field: DraftField, label: string, suffix: string, hint: string) => (
    <FormField label={label} error={shown[field]} hint={hint} suffix={suffix} className="field-number">
      <input className="input num" inputMode="decimal" value={draft[field]} onChange={set(field)} />
    </FormField>
  );

  return (
    <div className="business-case">
      <form className="form business-case-form" onSubmit={submit} noValidate aria-labelledby="business-case-title">
        <div>
          <h2 id="business-case-title" className="section-title">
            Business case
          </h2>
          <p className="section-sub">
            The case the AI system was approved on. Production's measured verification rate and cost per item are held against it, and a drift
            alert is raised when the rate leaves the tolerance. Every change is written to the audit log.
          </p>
        </div>
        <fieldset className="field">
          <legend className="field-label">Costs</legend>
          <div className="number-fields">
            <FormField label="Currency" error={shown.currency} hint="Three-letter ISO 4217 code, e.g. EUR." className="field-number">
              <input className="input input-currency mono" value={draft.currency} onChange={set("currency")} maxLength={3} autoCapitalize="characters" />
            </FormField>
            {number("manualCostPerItem", "Manual cost per item", draft.currency, "What an item costs without the AI system. 0 to 1,000,000.")}
            {number("aiCostPerItem", "AI cost per item", draft.currency, "Inference and running cost per output. 0 to 1,000,000.")}
          </div>
        </fieldset>
        <fieldset className="field">
          <legend className="field-label">Review cost</legend>
          <div className="choice-list" role="radiogroup" aria-label="How a review is costed">
            <label className="choice">
              <input type="radio" name="review-basis" checked={draft.reviewBasis === "per_item"} onChange={() => setDraft((d) => ({ ...d, reviewBasis: "per_item" }))} />
              <span>A fixed amount per review</span>
            </label>
            <label className="choice">
              <input type="radio" name="review-basis" checked={draft.reviewBasis === "per_hour"} onChange={() => setDraft((d) => ({ ...d, reviewBasis: "per_hour" }))} />
              <span>A reviewer's cost per hour × the measured active time per review</span>
            </label>
          </div>
          <div className="number-fields">
            {draft.reviewBasis === "per_item"
              ? number("reviewAmount", "Review cost per item", draft.currency, "One human review of one escalation. 0 to 1,000,000.")
              : number("hourlyRate", "Reviewer cost per hour", draft.currency, "Loaded hourly cost of a reviewer. 0 to 1,000,000.")}
          </div>
        </fieldset>
        <fieldset className="field">
          <legend className="field-label">Verification rate and drift</legend>
          <div className="number-fields">
            {number("assumedRatePercent", "Assumed verification rate", "%", "Share of outputs the case assumes need a human: 0% to 100%.")}
            {number("tolerancePercent", "Tolerance", "± %", "How far the measured rate may stray before a drift alert: 0% to 100%.")}
            {number("goldSharePercent", "Gold share", "%", "Share of reviews spent on gold items with a known answer: 0% to 50%.")}
            {number("driftWindowHours", "Drift window", "h", "The rolling window the drift check looks at: 1 to 744 hours.")}
            {number("driftMinSample", "Minimum sample", "outputs", "The check decides only once the window holds this many outputs.")}
            <FormField label="Go-live date" error={shown.liveSince} hint="Leave empty before go-live. Sets the readiness review cadence." className="field-number">
              <input className="input" type="date" value={draft.liveSince} onChange={set("liveSince")} />
            </FormField>
          </div>
        </fieldset>
        {save.isError && Object.keys(issuesByPath(save.error)).length === 0 ? (
          <p className="form-error" role="alert">
            {errorMessage(save.error)}
          </p>
        ) : null}
        {Object.keys(shown).length > 0 ? (
          <p className="form-error" role="alert">
            The business case was not saved: {Object.keys(shown).length === 1 ? "one field needs" : `${Object.keys(shown).length} fields need`} attention.
          </p>
        ) : null}
        <div className="form-actions">
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save business case"}
          </Button>
          <Button onClick={() => { setDraft(toDraft(businessCase, liveSince)); setIssues({}); save.reset(); }}>Discard changes</Button>
        </div>
      </form>
      <CostPreview draft={draft} measuredSeconds={measuredSeconds} oversightMode={oversightMode} />
    </div>
  );
}

