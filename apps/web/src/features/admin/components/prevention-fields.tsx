import { priorities, type Priority } from "@countersign/shared/enums";
import type { ReviewPolicy } from "@countersign/shared/policy";
import { FormField } from "../../../components/ui/form-field";

type NumberKey = "attentionCheckRate" | "goldRate" | "dwellSecondsPer1000Chars" | "maxRationaleSimilarity";

export type PreventionDraft = {
  judgementFirst: boolean;
  evidenceRequired: boolean;
  numbers: Record<NumberKey, string>;
  factors: Record<Priority, string>;
};

const num = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

export function toPreventionDraft(policy: ReviewPolicy): PreventionDraft {
  return {
    judgementFirst: policy.judgementFirst,
    evidenceRequired: policy.evidenceRequired,
    numbers: {
      attentionCheckRate: String(policy.attentionCheckRate),
      goldRate: String(policy.goldRate),
      dwellSecondsPer1000Chars: String(policy.dwellSecondsPer1000Chars),
      maxRationaleSimilarity: String(policy.maxRationaleSimilarity),
    },
    factors: { low: String(policy.dwellPriorityFactor.low), normal: String(policy.dwellPriorityFactor.normal), high: String(policy.dwellPriorityFactor.high), urgent: String(policy.dwellPriorityFactor.urgent) },
  };
}

export function fromPreventionDraft(draft: PreventionDraft) {
  return {
    judgementFirst: draft.judgementFirst,
    evidenceRequired: draft.evidenceRequired,
    attentionCheckRate: num(draft.numbers.attentionCheckRate),
    goldRate: num(draft.numbers.goldRate),
    dwellSecondsPer1000Chars: num(draft.numbers.dwellSecondsPer1000Chars),
    maxRationaleSimilarity: num(draft.numbers.maxRationaleSimilarity),
    dwellPriorityFactor: { low: num(draft.factors.low), normal: num(draft.factors.normal), high: num(draft.factors.high), urgent: num(draft.factors.urgent) },
  };
}

const numberFields: { key: NumberKey; label: string; hint: string; suffix?: string }[] = [
  { key: "dwellSecondsPer1000Chars", label: "Extra dwell per 1,000 characters to read", hint: "Seconds added to the minimum dwell for long items; 0 to 600.", suffix: "s" },
  { key: "attentionCheckRate", label: "Attention checks (share of approvals)", hint: "0 to 1: 0.1 asks one approval in ten which value appears in the AI output." },
  { key: "goldRate", label: "Gold items (share of claims)", hint: "0 to 0.5: about this share of arrivals, and so of claims, are items with a known answer; 0 serves them only when nothing else waits." },
  { key: "maxRationaleSimilarity", label: "Refuse copied rationales above similarity", hint: "0.5 to 1: a rationale this close to a recent one, or to the AI output, is refused." },
];

type Props = { draft: PreventionDraft; onChange: (draft: PreventionDraft) => void; issues: Record<string, string> };

/** The policy's anti-rubber-stamping rules: friction where it matters, enforced by the server. */
export function PreventionFields({ draft, onChange, issues }: Props) {
  const setNumber = (key: NumberKey, value: string) => onChange({ ...draft, numbers: { ...draft.numbers, [key]: value } });
  return (
    <fieldset className="field prevention">
      <legend className="field-label">Against rubber-stamping</legend>
      <div className="choice-list">
        <label className="choice">
          <input type="checkbox" checked={draft.judgementFirst} onChange={(e) => onChange({ ...draft, judgementFirst: e.target.checked })} />
          <span>Judgement first — the reviewer records their own verdict before the AI output and confidence are shown</span>
        </label>
        <label className="choice">
          <input type="checkbox" checked={draft.evidenceRequired} onChange={(e) => onChange({ ...draft, evidenceRequired: e.target.checked })} />
          <span>Approve only on evidence — approval needs an opened evidence item named as supporting it</span>
        </label>
      </div>
      <div className="number-fields">
        {numberFields.map((f) => (
          <FormField key={f.key} label={f.label} hint={f.hint} error={issues[f.key]} suffix={f.suffix}>
            <input className="input num" inputMode="decimal" value={draft.numbers[f.key]} onChange={(e) => setNumber(f.key, e.target.value)} />
          </FormField>
        ))}
      </div>
      <div className="number-fields factors">
        {priorities.map((p) => (
          <FormField key={p} label={`Dwell factor, ${p} priority`} error={issues[`dwellPriorityFactor.${p}`]} suffix="×">
            <input
              className="input num"
              inputMode="decimal"
              value={draft.factors[p]}
              onChange={(e) => onChange({ ...draft, factors: { ...draft.factors, [p]: e.target.value } })}
            />
          </FormField>
        ))}
      </div>
      <p className="field-hint">Dwell factors multiply the minimum time for each priority (0.1 to 10); urgent items usually get more time, not less.</p>
    </fieldset>
  );
}
