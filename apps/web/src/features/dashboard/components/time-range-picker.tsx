import { ToggleGroup } from "radix-ui";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import type { TimeRange } from "../hooks/use-dashboard-params";

const labels: Record<TimeRange, string> = { "24h": "Last 24 h", "7d": "Last 7 days", "30d": "Last 30 days", custom: "Custom" };

/** "2026-11-20T09:30" in the viewer's time zone, for a datetime-local input. */
function toLocalInput(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

type Props = {
  range: TimeRange;
  /** The window on screen, to start a custom range from. */
  current: { from: string; to: string };
  onChange: (range: TimeRange, custom?: { from: string; to: string }) => void;
};

/** Grafana-style time range: three presets and a custom from–to, applied together. */
export function TimeRangePicker({ range, current, onChange }: Props) {
  const [editing, setEditing] = useState(false);
  const [from, setFrom] = useState(() => toLocalInput(current.from));
  const [to, setTo] = useState(() => toLocalInput(current.to));
  const [issue, setIssue] = useState<string | null>(null);
  const showCustom = editing || range === "custom";

  const choose = (value: string) => {
    if (!value) return;
    if (value === "custom") {
      setFrom(toLocalInput(current.from));
      setTo(toLocalInput(current.to));
      setEditing(true);
      return;
    }
    setEditing(false);
    setIssue(null);
    onChange(value as TimeRange);
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const fromAt = Date.parse(from);
    const toAt = Date.parse(to);
    if (Number.isNaN(fromAt) || Number.isNaN(toAt)) return setIssue("enter both a start and an end date and time");
    if (fromAt >= toAt) return setIssue("the start must be before the end");
    setIssue(null);
    setEditing(false);
    onChange("custom", { from: new Date(fromAt).toISOString(), to: new Date(toAt).toISOString() });
  };

  return (
    <div className="time-range">
      <ToggleGroup.Root type="single" className="segmented" aria-label="Time range" value={showCustom ? "custom" : range} onValueChange={choose}>
        {(Object.keys(labels) as TimeRange[]).map((value) => (
          <ToggleGroup.Item key={value} value={value} className="segmented-item">
            {labels[value]}
          </ToggleGroup.Item>
        ))}
      </ToggleGroup.Root>
      {showCustom ? (
        <form className="time-range-custom" onSubmit={apply} noValidate aria-label="Custom time range">
          <label className="filter">
            <span className="filter-label">From</span>
            <input className="input input-sm" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={issue ? true : undefined} aria-describedby={issue ? "time-range-issue" : undefined} />
          </label>
          <label className="filter">
            <span className="filter-label">To</span>
            <input className="input input-sm" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={issue ? true : undefined} aria-describedby={issue ? "time-range-issue" : undefined} />
          </label>
          <Button type="submit" size="sm" variant="primary">
            Apply range
          </Button>
          {issue ? (
            <p className="field-error time-range-issue" id="time-range-issue" role="alert">
              {issue}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
