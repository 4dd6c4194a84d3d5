import type { ReactNode } from "react";

type Props = {
  id: string;
  title: string;
  /** What the chart shows, in one sentence: also its accessible description. */
  summary: ReactNode;
  legend: { label: string; swatch: "measured" | "band" | "tolerance" | "assumed" | "break-even" | "manual" }[];
  children: ReactNode;
};

/** A chart with its title, a one-sentence summary and a legend in words (never colour alone). */
export function ChartFrame({ id, title, summary, legend, children }: Props) {
  return (
    <figure className="oversight-chart card" aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`}>
      <div>
        <h3 id={`${id}-title`} className="oversight-chart-title">
          {title}
        </h3>
        <p id={`${id}-summary`} className="oversight-chart-summary">
          {summary}
        </p>
      </div>
      <ul className="oversight-chart-legend" aria-label={`Legend of ${title.toLowerCase()}`}>
        {legend.map((item) => (
          <li key={item.label}>
            <span className={`swatch swatch-${item.swatch}`} aria-hidden="true" />
            {item.label}
          </li>
        ))}
      </ul>
      <div className="oversight-chart-plot">{children}</div>
    </figure>
  );
}

/** The top of a share axis: a little above the highest value, in steps of 5 points; at most 100% unless a value exceeds it. */
export function shareAxisTop(values: number[]): number {
  const max = Math.max(0.05, ...values);
  const top = Math.ceil(max * 1.15 * 20) / 20;
  return max <= 1 ? Math.min(1, top) : top;
}
