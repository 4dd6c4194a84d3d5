import { useId } from "react";
import type { PayloadFormat } from "../utils/gold-draft";

type Props = {
  label: string;
  value: string;
  format: PayloadFormat;
  onChange: (value: string) => void;
  onFormat: (format: PayloadFormat) => void;
  error?: string | undefined;
  hint: string;
};

/** Input or AI output: free text, or a JSON object the server stores as JSON. */
export function PayloadField({ label, value, format, onChange, onFormat, error, hint }: Props) {
  const id = useId();
  return (
    <fieldset className="field">
      <legend className="field-label">{label}</legend>
      <div className="choice-row" role="radiogroup" aria-label={`${label} format`}>
        {(["text", "json"] as const).map((f) => (
          <label key={f} className="choice">
            <input type="radio" name={`${id}-format`} checked={format === f} onChange={() => onFormat(f)} />
            <span>{f === "text" ? "Text" : "JSON object"}</span>
          </label>
        ))}
      </div>
      <textarea
        className={format === "json" ? "textarea mono" : "textarea"}
        rows={format === "json" ? 5 : 3}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        spellCheck={format === "text"}
      />
      <div className="field-hint" id={`${id}-hint`}>
        {hint}
      </div>
      {error ? (
        <div className="field-error" id={`${id}-error`}>
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}
