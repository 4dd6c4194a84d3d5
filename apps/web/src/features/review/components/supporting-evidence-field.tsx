import type { RouterOutputs } from "../../../lib/trpc";
import { UntrustedText } from "../../../components/untrusted-text";

type Evidence = RouterOutputs["reviews"]["view"]["evidence"][number];

type Props = { evidence: Evidence[]; selected: number[]; onChange: (selected: number[]) => void };

/** For systems that approve only on evidence: which opened items support the decision. */
export function SupportingEvidenceField({ evidence, selected, onChange }: Props) {
  return (
    <fieldset className="field supporting">
      <legend className="field-label">Supporting evidence</legend>
      <p className="field-hint">This system approves only on evidence: tick the items you opened that support your decision (s marks the one in focus).</p>
      {evidence.length === 0 ? (
        <p className="muted">This escalation has no evidence.</p>
      ) : (
        <div className="choice-list">
          {evidence.map((item) => (
            <label key={item.index} className="choice">
              <input
                type="checkbox"
                data-supporting={item.index}
                disabled={!item.opened}
                checked={selected.includes(item.index)}
                onChange={(e) => onChange(e.target.checked ? [...selected, item.index].sort((a, b) => a - b) : selected.filter((i) => i !== item.index))}
              />
              <span>
                #{item.index + 1} <UntrustedText text={item.title} />
                {item.opened ? null : <span className="muted"> (open it first)</span>}
              </span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
