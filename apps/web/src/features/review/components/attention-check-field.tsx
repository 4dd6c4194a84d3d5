import { RadioGroup } from "radix-ui";

type Props = { question: string; options: string[]; value: number | undefined; onChange: (value: number) => void };

/** A sampled attention check before approval; the group is named by its question. */
export function AttentionCheckField({ question, options, value, onChange }: Props) {
  return (
    <div className="field attention">
      <p className="field-label" id="attention-question">
        Attention check: {question}
      </p>
      <RadioGroup.Root
        className="choice-list"
        aria-label={question}
        value={value === undefined ? "" : String(value)}
        onValueChange={(v) => onChange(Number(v))}
      >
        {options.map((option, index) => (
          <label key={index} className="check-option">
            <RadioGroup.Item value={String(index)} className="radio">
              <RadioGroup.Indicator className="radio-dot" />
            </RadioGroup.Item>
            <span className="mono">{option}</span>
          </label>
        ))}
      </RadioGroup.Root>
    </div>
  );
}
