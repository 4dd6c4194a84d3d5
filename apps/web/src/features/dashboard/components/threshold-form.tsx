import type { IndicatorThresholds } from "@countersign/shared/indicators";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { thresholdKeys, type ThresholdKey } from "../hooks/use-dashboard-params";
import { thresholdIssue, thresholdLabels, thresholdRule } from "../utils/thresholds";

type Props = {
  values: Partial<IndicatorThresholds>;
  onApply: (values: Partial<IndicatorThresholds>) => void;
};

// Every field shows the value in force — this view's override or the default — never an empty box.
const toDraft = (values: Partial<IndicatorThresholds>) =>
  Object.fromEntries(thresholdKeys.map((key) => [key, String(values[key] ?? thresholdRule(key).defaultValue)])) as Record<ThresholdKey, string>;

const isDefault = (key: ThresholdKey, text: string) => text.trim() === "" || Number(text) === thresholdRule(key).defaultValue;

/**
 * The thresholds behind the flags, for this view only: overrides go into the URL (shareable);
 * a value equal to the default (or an emptied field) is the default.
 */
export function ThresholdForm({ values, onApply }: Props) {
  const [draft, setDraft] = useState(() => toDraft(values));
  const [issues, setIssues] = useState<Partial<Record<ThresholdKey, string>>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<ThresholdKey, string>> = {};
    for (const key of thresholdKeys) {
      const issue = thresholdIssue(key, draft[key]);
      if (issue) found[key] = issue;
    }
    setIssues(found);
    if (Object.keys(found).length > 0) return;
    onApply(Object.fromEntries(thresholdKeys.filter((key) => !isDefault(key, draft[key])).map((key) => [key, Number(draft[key])])));
  };

  const reset = () => {
    setDraft(toDraft({}));
    setIssues({});
    onApply({});
  };

  return (
    <form className="threshold-form" onSubmit={submit} noValidate aria-label="Flag thresholds">
      <p className="field-hint">
        The thresholds in force. Each flag names the threshold it crossed. Changes apply to this view and its link only.
      </p>
      <div className="threshold-fields">
        {thresholdKeys.map((key) => {
          const rule = thresholdRule(key);
          return (
            <FormField key={key} label={thresholdLabels[key]} error={issues[key] ? `${thresholdLabels[key]} ${issues[key]}` : undefined} hint={`${rule.min} to ${rule.max}; ${values[key] === undefined ? "the default" : `changed for this view (default ${rule.defaultValue})`}`}>
              <input
                className="input input-sm num"
                inputMode="decimal"
                placeholder={String(rule.defaultValue)}
                value={draft[key]}
                onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
              />
            </FormField>
          );
        })}
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" size="sm">
          Apply thresholds
        </Button>
        <Button size="sm" variant="ghost" onClick={reset}>
          Reset to defaults
        </Button>
      </div>
    </form>
  );
}
