import type { ChecklistAnswer } from "@countersign/shared/enums";
import type { ChecklistItem } from "@countersign/shared/policy";
import { RadioGroup } from "radix-ui";
import type { KeyboardEvent, Ref } from "react";

const options: { value: ChecklistAnswer; label: string; key: string }[] = [
  { value: "yes", label: "Yes", key: "y" },
  { value: "no", label: "No", key: "n" },
  { value: "na", label: "N/A", key: "a" },
];

type Props = {
  item: ChecklistItem;
  number: number;
  value: ChecklistAnswer | undefined;
  onChange: (value: ChecklistAnswer) => void;
  /** An answer was given by its key: the focus moves on to the next step. */
  onAnswered: () => void;
  groupRef: Ref<HTMLDivElement>;
  invalid: boolean;
};

/**
 * One checklist item: a radio group named exactly by the item's text. Arrow keys move between
 * Yes / No / N/A (Radix); y, n and a answer directly and move on to the next item.
 */
export function ChecklistField({ item, number, value, onChange, onAnswered, groupRef, invalid }: Props) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const option = options.find((o) => o.key === event.key.toLowerCase());
    if (!option) return;
    event.preventDefault();
    event.stopPropagation();
    onChange(option.value);
    onAnswered();
  };
  const id = `check-${item.id}`;
  return (
    <div className={invalid && !value ? "check is-missing" : "check"}>
      <div className="check-text" id={`${id}-text`}>
        <kbd className="kbd" aria-hidden="true">
          {number}
        </kbd>
        <span>{item.text}</span>
      </div>
      <RadioGroup.Root
        ref={groupRef}
        className="check-options"
        aria-label={item.text}
        orientation="horizontal"
        value={value ?? ""}
        onValueChange={(v) => onChange(v as ChecklistAnswer)}
        onKeyDown={onKeyDown}
        aria-keyshortcuts={number <= 9 ? String(number) : undefined}
      >
        {options.map((option) => (
          <label key={option.value} className={`check-option check-${option.value}`}>
            <RadioGroup.Item value={option.value} className="radio" id={`${id}-${option.value}`}>
              <RadioGroup.Indicator className="radio-dot" />
            </RadioGroup.Item>
            <span>{option.label}</span>
          </label>
        ))}
      </RadioGroup.Root>
    </div>
  );
}

/** Moves focus into a checklist radio group: the chosen answer, or the first option. */
export function focusRadioGroup(group: HTMLDivElement | null) {
  const target = group?.querySelector<HTMLButtonElement>('[role="radio"][data-state="checked"]') ?? group?.querySelector<HTMLButtonElement>('[role="radio"]');
  target?.focus();
}
