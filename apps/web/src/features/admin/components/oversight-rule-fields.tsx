import { minRetentionDays, type ReviewPolicy } from "@countersign/shared/policy";
import { FormField } from "../../../components/ui/form-field";

/** The two-person rule and retention, as the form edits them. */
export type OversightRuleDraft = { requiredVerifications: string; keepIndefinitely: boolean; retentionDays: string };

export function toOversightRuleDraft(policy: ReviewPolicy): OversightRuleDraft {
  return {
    requiredVerifications: String(policy.requiredVerifications),
    keepIndefinitely: policy.retentionDays === null,
    retentionDays: policy.retentionDays === null ? "" : String(policy.retentionDays),
  };
}

export function fromOversightRuleDraft(draft: OversightRuleDraft) {
  const days = draft.retentionDays.trim() === "" ? Number.NaN : Number(draft.retentionDays);
  return { requiredVerifications: Number(draft.requiredVerifications), retentionDays: draft.keepIndefinitely ? null : days };
}

type Props = { draft: OversightRuleDraft; onChange: (draft: OversightRuleDraft) => void; issues: Record<string, string> };

/** Independent verifications required (EU AI Act Art. 14(5)) and how long decided escalations are kept (Art. 19(1), 26(6)). */
export function OversightRuleFields({ draft, onChange, issues }: Props) {
  const retentionIssue =
    issues.retentionDays ??
    (!draft.keepIndefinitely && draft.retentionDays.trim() !== "" && Number(draft.retentionDays) < minRetentionDays
      ? `At least ${minRetentionDays} days: logs of a high-risk AI system are kept at least six months.`
      : undefined);
  return (
    <fieldset className="field prevention oversight-rules">
      <legend className="field-label">Two-person rule and retention</legend>
      <div className="number-fields">
        <FormField
          label="Independent verifications required"
          error={issues.requiredVerifications}
          hint="1 to 3; 2 is the two-person rule (EU AI Act Art. 14(5))."
        >
          <select className="select" value={draft.requiredVerifications} onChange={(e) => onChange({ ...draft, requiredVerifications: e.target.value })}>
            <option value="1">1 — one reviewer decides</option>
            <option value="2">2 — the two-person rule</option>
            <option value="3">3 — three reviewers</option>
          </select>
        </FormField>
        <div className="retention-field">
          <FormField
            label="Keep decided escalations for"
            error={retentionIssue}
            suffix="days"
            hint={`At least ${minRetentionDays} days (six months), or keep indefinitely.`}
          >
            <input
              className="input num"
              inputMode="numeric"
              value={draft.keepIndefinitely ? "" : draft.retentionDays}
              disabled={draft.keepIndefinitely}
              placeholder={draft.keepIndefinitely ? "indefinitely" : String(minRetentionDays)}
              onChange={(e) => onChange({ ...draft, retentionDays: e.target.value })}
            />
          </FormField>
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.keepIndefinitely}
              onChange={(e) =>
                onChange({ ...draft, keepIndefinitely: e.target.checked, retentionDays: e.target.checked ? draft.retentionDays : draft.retentionDays || String(minRetentionDays) })
              }
            />
            <span>Keep indefinitely</span>
          </label>
        </div>
      </div>
      <p className="field-hint">
        Under the two-person rule, different qualified reviewers each verify without seeing the others&apos; verdicts, nobody verifies the same
        escalation twice, and a lead resolves any disagreement; nothing takes effect before. After the retention period an escalation&apos;s content
        and verifications are purged; its audit entries (ids and hashes) stay, and the log still verifies.
      </p>
    </fieldset>
  );
}
