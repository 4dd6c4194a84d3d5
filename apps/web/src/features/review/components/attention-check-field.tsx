import { RadioGroup } from "radix-ui";
import type { KeyboardEvent } from "react";

type Props = {
  question: string;
  options: string[];
  value: number | undefined;
  onChange: (value: number) => void;
  /** An option was chosen by its number: the focus moves on to the decision. */
  onAnswered: () => void;
};

/** A sampled attention check before approval; the group is named by its question. 1…4 answer it. */
export function AttentionCheckField({ question, options, value, onChange, onAnswered }: Props) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const index = Number(event.key) - 1;
    if (!Number.isInteger(index) || index < 0 || index >= options.length) return;
    // Inside the check, digits choose an option rather than jump to a checklist item.
    event.preventDefault();
    event.stopPropagation();
    onChange(index);
    onAnswered();
  };
  return (
    <div className="field attention">
      <p className="field-label" id="attention-question">
        Attention check: {question}{" "}
        <kbd className="kbd" aria-hidden="true">
          q
        </kbd>
      </p>
      <RadioGroup.Root
        className="choice-list"
        aria-label={question}
        data-shortcut="attention"
        aria-keyshortcuts="Q"
        value={value === undefined ? "" : String(value)}
        onValueChange={(v) => onChange(Number(v))}
        onKeyDown={onKeyDown}
      >
        {options.map((option, index) => (
          <label key={index} className="check-option">
            <RadioGroup.Item value={String(index)} className="radio">
              <RadioGroup.Indicator className="radio-dot" />
            </RadioGroup.Item>
            <span className="muted" aria-hidden="true">
              {index + 1}
            </span>
            <span className="mono">{option}</span>
          </label>
        ))}
      </RadioGroup.Root>
    </div>
  );
}
