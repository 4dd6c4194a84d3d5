import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { emptyEvidence, type EvidenceDraft } from "../utils/gold-draft";

type Props = {
  evidence: EvidenceDraft[];
  onChange: (evidence: EvidenceDraft[]) => void;
  issues: Record<string, string>;
};

/** The escalation's evidence items: a title each, with content, a link, or both (up to 50). */
export function EvidenceFields({ evidence, onChange, issues }: Props) {
  const set = (index: number, change: Partial<EvidenceDraft>) => onChange(evidence.map((e, i) => (i === index ? { ...e, ...change } : e)));
  return (
    <fieldset className="field gold-evidence">
      <legend className="field-label">Evidence items</legend>
      <p className="field-hint">What the reviewer can open to check the output. Optional; reviewers see titles first and open each item.</p>
      {issues["escalation.evidence"] ? <div className="field-error">{issues["escalation.evidence"]}</div> : null}
      <ol className="gold-evidence-list">
        {evidence.map((item, index) => (
          <li key={index} className="gold-evidence-item">
            <div className="gold-evidence-fields">
              <FormField label={`Evidence ${index + 1} title`} error={issues[`escalation.evidence.${index}.title`]}>
                <input className="input" value={item.title} onChange={(e) => set(index, { title: e.target.value })} />
              </FormField>
              <FormField label={`Evidence ${index + 1} link`} error={issues[`escalation.evidence.${index}.url`]} hint="Optional absolute URL, e.g. https://…">
                <input className="input" type="url" value={item.url} onChange={(e) => set(index, { url: e.target.value })} />
              </FormField>
            </div>
            <FormField label={`Evidence ${index + 1} content`} error={issues[`escalation.evidence.${index}.content`]}>
              <textarea className="textarea" rows={2} value={item.content} onChange={(e) => set(index, { content: e.target.value })} />
            </FormField>
            <Button size="sm" variant="ghost" onClick={() => onChange(evidence.filter((_, i) => i !== index))} aria-label={`Remove evidence ${index + 1}`}>
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <Button size="sm" onClick={() => onChange([...evidence, { ...emptyEvidence }])} disabled={evidence.length >= 50}>
        Add evidence item
      </Button>
    </fieldset>
  );
}
