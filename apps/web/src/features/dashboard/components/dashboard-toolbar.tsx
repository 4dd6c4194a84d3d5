import type { IndicatorThresholds } from "@countersign/shared/indicators";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "../../../components/ui/badge";
import { Collapsible } from "../../../components/ui/collapsible";
import { useTRPC } from "../../../lib/trpc";
import type { DashboardWindow, TimeRange } from "../hooks/use-dashboard-params";
import { formatPeriod } from "@countersign/shared/format";
import { ThresholdForm } from "./threshold-form";
import { TimeRangePicker } from "./time-range-picker";

type Props = {
  range: TimeRange;
  timeWindow: DashboardWindow;
  system: string | undefined;
  thresholds: Partial<IndicatorThresholds>;
  onRange: (range: TimeRange, custom?: { from: string; to: string }) => void;
  onSystem: (slug: string | undefined) => void;
  onThresholds: (values: Partial<IndicatorThresholds>) => void;
};

/** The view's controls, all written to the URL: time range, AI system, flag thresholds. */
export function DashboardToolbar({ range, timeWindow, system, thresholds, onRange, onSystem, onThresholds }: Props) {
  const trpc = useTRPC();
  const systems = useQuery(trpc.systems.list.queryOptions(undefined, { staleTime: 60_000 }));
  const [thresholdsOpen, setThresholdsOpen] = useState(false);
  const overrides = Object.keys(thresholds).length;

  return (
    <div className="dashboard-toolbar">
      <div className="dashboard-controls" role="group" aria-label="Dashboard view">
        <TimeRangePicker key={range} range={range} current={timeWindow} onChange={onRange} />
        <label className="filter">
          <span className="filter-label">AI system</span>
          <select className="select select-sm" value={system ?? ""} onChange={(e) => onSystem(e.target.value || undefined)}>
            <option value="">All systems</option>
            {system && systems.data && !systems.data.some((s) => s.slug === system) ? <option value={system}>{system} (unknown)</option> : null}
            {(systems.data ?? []).map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <p className="dashboard-window muted" aria-live="polite">
          <span className="visually-hidden">Showing </span>
          {formatPeriod(timeWindow.from, timeWindow.to)}
        </p>
      </div>
      <Collapsible
        open={thresholdsOpen}
        onOpenChange={setThresholdsOpen}
        trigger="Flag thresholds"
        aside={overrides > 0 ? <Badge tone="accent">{overrides} changed for this view</Badge> : <span className="muted">the defaults are in force</span>}
      >
        <ThresholdForm key={JSON.stringify(thresholds)} values={thresholds} onApply={onThresholds} />
      </Collapsible>
    </div>
  );
}
