import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { StateMessage } from "../../../components/ui/state-message";
import { Table, Td, Th } from "../../../components/ui/table";
import type { EffectiveRate } from "../api/indicators";
import { axisTick, chartColors, percentTick, tooltipStyle } from "../utils/chart-style";
import { formatOf, formatPercent, formatPercentRange } from "@countersign/shared/format";
import { Panel } from "./panel";

/** "31 % (18–47 %)": the rate with its interval, or why there is none. */
function rateText(rate: EffectiveRate): string {
  if (rate.effectiveRate === null) return rate.goldDecisions === 0 ? "no gold decisions yet" : "nothing received";
  const interval = rate.interval ? ` (${formatPercentRange(rate.interval)})` : "";
  return `${formatPercent(rate.effectiveRate)}${interval}`;
}

/**
 * Effective verification rate per system: the share of escalations reviewed × the gold catch rate,
 * with its interval — how much of the oversight actually catches errors.
 */
export function EffectiveRatePanel({ rates }: { rates: EffectiveRate[] }) {
  const data = rates.map((rate) => ({
    name: rate.name,
    reviewedShare: rate.reviewedShare,
    effectiveRate: rate.effectiveRate,
    interval: rate.effectiveRate !== null && rate.interval ? [rate.effectiveRate - rate.interval.low, rate.interval.high - rate.effectiveRate] : undefined,
  }));
  const summary = rates.map((rate) => `${rate.name}: ${rateText(rate)}`).join("; ");
  // Nothing to draw until some system has reviewed something: the table below says why.
  const drawable = rates.some((rate) => (rate.reviewedShare ?? 0) > 0 || rate.effectiveRate !== null);

  return (
    <Panel
      id="panel-effective"
      title="Effective verification rate"
      description="Share of escalations reviewed × the gold catch rate, with its 95 % interval: how much of the oversight catches errors."
    >
      {rates.length === 0 ? (
        <StateMessage title="No AI systems in this view">An admin adds AI systems; their rates appear here once escalations arrive.</StateMessage>
      ) : (
        <>
          {drawable ? (
            <figure className="chart" style={{ height: 64 + rates.length * 52 }}>
              <div role="img" aria-label={`Effective verification rate by system. ${summary}`} className="chart-canvas">
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 4 }} barGap={2} accessibilityLayer={false}>
                    <CartesianGrid horizontal={false} stroke={chartColors.grid} strokeDasharray="3 3" />
                    <XAxis type="number" domain={[0, 1]} tickFormatter={percentTick} tick={axisTick} stroke={chartColors.grid} />
                    <YAxis type="category" dataKey="name" width={132} tick={axisTick} stroke={chartColors.grid} />
                    <Tooltip {...tooltipStyle} formatter={(value) => formatPercent(typeof value === "number" ? value : null)} cursor={{ fill: "var(--color-bg-hover)" }} />
                    <Legend wrapperStyle={{ fontSize: 12 }} />
                    <Bar dataKey="reviewedShare" name="Reviewed share" fill={chartColors.secondary} barSize={12} isAnimationActive={false} />
                    <Bar dataKey="effectiveRate" name="Effective rate (with interval)" fill={chartColors.primary} barSize={12} isAnimationActive={false}>
                      <ErrorBar dataKey="interval" direction="x" width={8} strokeWidth={2} stroke="var(--color-text)" />
                    </Bar>
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </figure>
          ) : null}
          <Table aria-label="Effective verification rate by system" className="rate-table">
            <thead>
              <tr>
                <Th>System</Th>
                <Th num>Reviewed</Th>
                <Th num>Gold caught</Th>
                <Th num>Effective rate</Th>
              </tr>
            </thead>
            <tbody>
              {rates.map((rate) => (
                <tr key={rate.system}>
                  <Td>{rate.name}</Td>
                  <Td num>
                    {formatPercent(rate.reviewedShare)}
                    <span className="cell-sub">{formatOf(rate.reviewed, rate.received)}</span>
                  </Td>
                  <Td num>
                    {formatPercent(rate.goldCatchRate)}
                    <span className="cell-sub">{rate.goldDecisions > 0 ? formatOf(Math.round((rate.goldCatchRate ?? 0) * rate.goldDecisions), rate.goldDecisions) : "no gold decisions"}</span>
                  </Td>
                  <Td num>
                    <strong>{rate.effectiveRate === null ? "—" : formatPercent(rate.effectiveRate)}</strong>
                    <span className="cell-sub">
                      {rate.interval ? formatPercentRange(rate.interval) : rate.goldDecisions === 0 ? "add gold items to measure" : "no interval"}
                    </span>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </Panel>
  );
}
