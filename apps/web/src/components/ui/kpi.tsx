import type { ReactNode } from "react";

/** A row of headline figures: a description list, so each value is read with its label. */
export function KpiList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <dl className="kpi-list" aria-label={label}>
      {children}
    </dl>
  );
}

type KpiProps = {
  label: ReactNode;
  /** The figure, with its unit; may be a link to the rows behind it. */
  children: ReactNode;
  /** A line under the figure: its interval, basis or comparison. */
  sub?: ReactNode;
  tone?: "neutral" | "danger" | "success";
};

export function Kpi({ label, children, sub, tone = "neutral" }: KpiProps) {
  return (
    <div className={`kpi kpi-${tone}`}>
      <dt className="kpi-label">{label}</dt>
      <dd className="kpi-value">{children}</dd>
      {sub ? <dd className="kpi-sub">{sub}</dd> : null}
    </div>
  );
}
