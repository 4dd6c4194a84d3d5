import type { ReactNode } from "react";

/** A row of headline figures: a description list, so each value is read with its label. */
export function StatList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <dl className="stats" aria-label={label}>
      {children}
    </dl>
  );
}

type StatProps = {
  label: ReactNode;
  /** The figure, with its unit; may be a link to the rows behind it. */
  children: ReactNode;
  /** A line under the figure: its interval, basis or comparison. */
  sub?: ReactNode;
  tone?: "neutral" | "danger" | "success";
};

export function Stat({ label, children, sub, tone = "neutral" }: StatProps) {
  return (
    <div className={`stat stat-${tone}`}>
      <dt className="stat-label">{label}</dt>
      <dd className="stat-value">{children}</dd>
      {sub ? <dd className="stat-sub">{sub}</dd> : null}
    </div>
  );
}
