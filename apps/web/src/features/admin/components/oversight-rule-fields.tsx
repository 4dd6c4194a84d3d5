import { minRetentionMonths, overdueActions, overdueInstruction, type OverdueAction, type ReviewPolicy } from "@countersign/shared/policy";
import { FormField } from "../../../components/ui/form-field";

/** The two-person rule, deadlines and retention, as the form edits them. */
export type OversightRuleDraft = { requiredVerifications: string; onOverdue: OverdueAction; keepIndefinitely: boolean; retentionMonths: string };

const overdueLabels: Record<OverdueAction, string> = { hold: "Hold — do not act", reject: "Reject — treat as rejected", escalate: "Escalate — AI system's own fallback" };

export function toOversightRuleDraft(policy: ReviewPolicy): OversightRuleDraft {
  return {
    requiredVerifications: String(policy.requiredVerifications),
    onOverdue: policy.onOverdue,
    keepIndefinitely: policy.retentionMonths === null,
    retentionMonths: policy.retentionMonths === null ? "" : String(policy.retentionMonths),
  };
}

export function fromOversightRuleDraft(draft: OversightRuleDraft) {
  const months = draft.retentionMonths.trim() === "" ? Number.NaN : Number(draft.retentionMonths);
  return { requiredVerifications: Number(draft.requiredVerifications), onOverdue: draft.onOverdue, retentionMonths: draft.keepIndefinitely ? null : months };
}

type Props = { draft: OversightRuleDraft; onChange: (draft: OversightRuleDraft) => void; issues: Record<string, string> };

/** Independent verifications required (the two-person rule) and how long decided escalations are kept (Art. 19(1), 26(6)). */
export function OversightRuleFields({ draft, onChange, issues }: Props) {
  const retentionIssue =
    issues.retentionMonths ??
    (!draft.keepIndefinitely && draft.retentionMonths.trim() !== "" && Number(draft.retentionMonths) < minRetentionMonths
      ? `At least ${minRetentionMonths} calendar months: logs of a high-risk AI system are kept at least six months (Art. 19(1), 26(6)).`
      : undefined);
  return (
    <fieldset className="field prevention oversight-rules">
      <legend className="field-label">Two-person rule, deadlines and retention</legend>
      <div className="number-fields">
        <FormField
          label="Independent verifications required"
          error={issues.requiredVerifications}
          hint="1 to 3; 2 is the two-person rule, which EU AI Act Art. 14(5) requires for remote biometric identification (Annex III 1(a)); for other systems, a four-eyes policy of your own."
        >
          <select className="select" value={draft.requiredVerifications} onChange={(e) => onChange({ ...draft, requiredVerifications: e.target.value })}>
            <option value="1">1 — one reviewer decides</option>
            <option value="2">2 — the two-person rule</option>
            <option value="3">3 — three reviewers</option>
          </select>
        </FormField>
        <FormField
          label="When the due time passes undecided"
          error={issues.onOverdue}
          hint={`The escalation expires and leaves the queue; the AI system is told: ${overdueInstruction[draft.onOverdue]}.`}
        >
          <select className="select" value={draft.onOverdue} onChange={(e) => onChange({ ...draft, onOverdue: e.target.value as OverdueAction })}>
            {overdueActions.map((action) => (
              <option key={action} value={action}>
                {overdueLabels[action]}
              </option>
            ))}
          </select>
        </FormField>
        <div className="retention-field">
          <FormField
            label="Keep decided escalations for"
            error={retentionIssue}
            suffix="months"
            hint={`At least ${minRetentionMonths} calendar months, or keep indefinitely. A legal hold keeps content past this period.`}
          >
            <input
              className="input num"
              inputMode="numeric"
              value={draft.keepIndefinitely ? "" : draft.retentionMonths}
              disabled={draft.keepIndefinitely}
              placeholder={draft.keepIndefinitely ? "indefinitely" : String(minRetentionMonths)}
              onChange={(e) => onChange({ ...draft, retentionMonths: e.target.value })}
            />
          </FormField>
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.keepIndefinitely}
              onChange={(e) =>
                onChange({ ...draft, keepIndefinitely: e.target.checked, retentionMonths: e.target.checked ? draft.retentionMonths : draft.retentionMonths || String(minRetentionMonths) })
              }
            />
            <span>Keep indefinitely</span>
          </label>
        </div>
      </div>
      <p className="field-hint">
        Under the two-person rule, different qualified reviewers each verify without seeing the others&apos; verdicts, nobody verifies the same
        escalation twice, and a lead resolves any disagreement; the AI system receives no decision before. The server purges once a day: after the retention period an escalation&apos;s content
        and verifications are purged unless a legal hold is on it or its system; its audit entries (ids and hashes) stay, and the log still verifies.
      </p>
    </fieldset>
  );
}
