import { formatDate } from "@countersign/shared/format";
import type { MetricsWindow } from "../hooks/use-metrics-window";
import { granularities, granularityLabels, rangeKeys, ranges, type Granularity, type RangeKey } from "../utils/window";

/** The time range at the top of the dashboard (Grafana-style); both choices live in the URL. */
export function WindowPicker({ window }: { window: MetricsWindow }) {
  return (
    <form className="filters window-picker" aria-label="Time range" onSubmit={(e) => e.preventDefault()}>
      <label className="filter">
        <span className="filter-label">Time range</span>
        <select className="select select-sm" value={window.range} onChange={(e) => window.setRange(e.target.value as RangeKey)}>
          {rangeKeys.map((key) => (
            <option key={key} value={key}>
              {ranges[key].label}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Granularity</span>
        <select className="select select-sm" value={window.granularity} onChange={(e) => window.setGranularity(e.target.value as Granularity)}>
          {granularities.map((g) => (
            <option key={g} value={g}>
              {granularityLabels[g]}
            </option>
          ))}
        </select>
      </label>
      <p className="window-note muted">
        From {formatDate(window.input.from, { timeZone: "UTC" })} (UTC) to now. Volume periods
        count in the {window.granularity} they start in.
      </p>
    </form>
  );
}
