import { useId, type ReactElement, type ReactNode } from "react";
import { cloneElement } from "react";

type FieldProps = {
  label: string;
  /** The rule that is not met, shown under the field and linked with aria-describedby. */
  error?: string | undefined;
  hint?: ReactNode;
  /** A unit shown after the control ("s", "min"); not part of its name. */
  suffix?: string;
  /** The control: an input, textarea or select. It receives id, aria-invalid and aria-describedby. */
  children: ReactElement<Record<string, unknown>>;
  className?: string;
};

export function FormField({ label, error, hint, suffix, children, className }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const control = cloneElement(children, { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy });
  return (
    <div className={["field", className].filter(Boolean).join(" ")}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {suffix ? (
        <span className="input-unit">
          {control}
          <span className="unit" aria-hidden="true">
            {suffix}
          </span>
        </span>
      ) : (
        control
      )}
      {hint ? (
        <div className="field-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="field-error" id={errorId}>
          {error}
        </div>
      ) : null}
    </div>
  );
}
