import { formatPercent } from "@countersign/shared/format";
/** Confidence as a number and a bar — never colour alone. `value` is 0…1; null when withheld. */
export function Confidence({ value, wide = false }: { value: number | null; wide?: boolean }) {
  if (value === null) {
    return (
      <span className="confidence muted" title="Hidden until the reviewer records their own judgement">
        hidden
      </span>
    );
  }
  const percent = Math.round(value * 100);
  return (
    <span className={wide ? "confidence confidence-wide" : "confidence"}>
      <span className="confidence-value">{formatPercent(Math.round(value * 100) / 100)}</span>
      <span className="confidence-bar" aria-hidden="true">
        <span className="confidence-fill" style={{ width: `${percent}%` }} />
      </span>
    </span>
  );
}
