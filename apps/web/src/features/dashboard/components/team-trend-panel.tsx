import { useState } from "react";
import { Area, AreaChart, Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Collapsible } from "../../../components/ui/collapsible";
import { StateMessage } from "../../../components/ui/state-message";
import { Table, Td, Th } from "../../../components/ui/table";
import type { TrendDay } from "../api/indicators";
import { axisTick, chartColors, percentTick, tooltipStyle } from "../utils/chart-style";
import { goldCatchByWeek } from "@countersign/shared/figures";
import { formatCount, formatDay, formatDuration, formatOf, formatPercent, noValue } from "@countersign/shared/format";
import { Panel } from "./panel";

const seriesName: Record<string, string> = {
  decisions: "Decisions",
  // figures.approvalRate, the same definition as the reviewer table's "Approval" column.
  approvalRate: "Approval rate",
  meanActiveSeconds: "Mean active time",
};

function tooltipValue(value: unknown, name: unknown): string {
  const n = typeof value === "number" ? value : null;
  if (name === seriesName.decisions) return formatCount(n);
  if (name === seriesName.meanActiveSeconds) return formatDuration(n);
  return formatPercent(n);
}

/** The team's decisions, approval rate, gold catch rate and mean active time per day (UTC days). */
export function TeamTrendPanel({ days }: { days: TrendDay[] }) {
  const [tableOpen, setTableOpen] = useState(false);
  const total = days.reduce((n, d) => n + d.decisions, 0);
  const first = days[0];
  const last = days[days.length - 1];
  const summary =
    first && last
      ? `${total} decisions over ${days.length} ${days.length === 1 ? "day" : "days"}; approval rate ${formatPercent(first.approvalRate)} on ${formatDay(first.day)} and ${formatPercent(last.approvalRate)} on ${formatDay(last.day)}; mean active time ${formatDuration(first.meanActiveSeconds)} then ${formatDuration(last.meanActiveSeconds)}.`
      : "";

  return (
    <Panel id="panel-trend" title="Team trend" description="All reviewers in this view, per day (UTC).">
      {days.length === 0 ? (
        <StateMessage title="No decisions in this time range">Widen the range or choose another system; the trend fills in as reviewers decide escalations.</StateMessage>
      ) : (
        <>
          <div className="trend-charts">
            <figure className="chart">
              <figcaption className="chart-caption">Decisions and approval rate</figcaption>
              <div role="img" aria-label={`Decisions and approval rate per day. ${summary}`} className="chart-canvas chart-md">
                <ResponsiveContainer width="100%" height="100%">
                  <ComposedChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
                    <CartesianGrid vertical={false} stroke={chartColors.grid} strokeDasharray="3 3" />
                    <XAxis dataKey="day" tickFormatter={formatDay} tick={axisTick} stroke={chartColors.grid} minTickGap={16} />
                    <YAxis yAxisId="count" allowDecimals={false} tick={axisTick} stroke={chartColors.grid} width={40} />
                    <YAxis yAxisId="share" orientation="right" domain={[0, 1]} tickFormatter={percentTick} tick={axisTick} stroke={chartColors.grid} width={48} />
                    <Tooltip {...tooltipStyle} labelFormatter={(day) => formatDay(String(day))} formatter={(value, name) => tooltipValue(value, name)} cursor={{ fill: "var(--color-bg-hover)" }} />
                    <Legend wrapperStyle={{ fontSize: 12 }} />
                    <Bar yAxisId="count" dataKey="decisions" name={seriesName.decisions} fill={chartColors.secondary} maxBarSize={28} isAnimationActive={false} />
                    <Line yAxisId="share" dataKey="approvalRate" name={seriesName.approvalRate} stroke={chartColors.primary} strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
                  </ComposedChart>
                </ResponsiveContainer>
              </div>
            </figure>
            <figure className="chart">
              <figcaption className="chart-caption">Mean active time per decision</figcaption>
              <div role="img" aria-label={`Mean active time per decision per day. ${summary}`} className="chart-canvas chart-md">
                <ResponsiveContainer width="100%" height="100%">
                  <AreaChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
                    <CartesianGrid vertical={false} stroke={chartColors.grid} strokeDasharray="3 3" />
                    <XAxis dataKey="day" tickFormatter={formatDay} tick={axisTick} stroke={chartColors.grid} minTickGap={16} />
                    <YAxis tickFormatter={(v: number) => formatDuration(v)} tick={axisTick} stroke={chartColors.grid} width={52} />
                    <Tooltip {...tooltipStyle} labelFormatter={(day) => formatDay(String(day))} formatter={(value, name) => tooltipValue(value, name)} />
                    <Legend wrapperStyle={{ fontSize: 12 }} />
                    <Area
                      dataKey="meanActiveSeconds"
                      name={seriesName.meanActiveSeconds}
                      stroke={chartColors.primary}
                      fill={chartColors.primary}
                      fillOpacity={0.15}
                      strokeWidth={2}
                      dot={{ r: 3 }}
                      connectNulls
                      isAnimationActive={false}
                    />
                  </AreaChart>
                </ResponsiveContainer>
              </div>
            </figure>
          </div>
          <GoldByWeek days={days} />
          <Collapsible open={tableOpen} onOpenChange={setTableOpen} trigger="The numbers per day">
            <Table aria-label="Team trend per day">
              <thead>
                <tr>
                  <Th>Day (UTC)</Th>
                  <Th num>Decisions</Th>
                  <Th num>Approval rate</Th>
                  <Th num>Gold caught</Th>
                  <Th num>Mean active time</Th>
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr key={d.day}>
                    <Td className="mono">{d.day}</Td>
                    <Td num>{formatCount(d.decisions)}</Td>
                    <Td num>{formatPercent(d.approvalRate)}</Td>
                    <Td num>{d.goldDecided === 0 ? noValue : formatOf(d.goldCaught, d.goldDecided)}</Td>
                    <Td num>{formatDuration(d.meanActiveSeconds)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </Collapsible>
        </>
      )}
    </Panel>
  );
}

/**
 * Gold catch by week with its counts: a day holds one or two gold items, so a daily rate would
 * jump between 0% and 100% and read as a trend that is not there.
 */
function GoldByWeek({ days }: { days: TrendDay[] }) {
  const weeks = goldCatchByWeek(days);
  return (
    <figure className="gold-weeks">
      <figcaption className="chart-caption">Gold items caught, by week (from Monday, UTC)</figcaption>
      {weeks.length === 0 ? (
        <p className="muted">No gold item was decided in this range: add gold items to measure whether reviewers catch known errors.</p>
      ) : (
        <ul className="gold-week-list">
          {weeks.map((w) => (
            <li key={w.weekStart}>
              <span className="muted">week of {formatDay(w.weekStart)}</span> <strong>{formatOf(w.caught, w.decided)}</strong>{" "}
              <span className="muted">({formatPercent(w.rate)})</span>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
