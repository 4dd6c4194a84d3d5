import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { RouterOutputs } from "../../../lib/trpc";
import { formatRate } from "../utils/format";
import { formatCount, formatPercent, formatPercentRange } from "@countersign/shared/format";
import { bucketNoun } from "../utils/window";
import { ChartFrame, shareAxisTop } from "./chart-frame";

type Rates = RouterOutputs["metrics"]["rates"];
type Point = { label: string; rate: number | null; exceedsReported: boolean; band: [number, number] | null; received: number; total: number };

const tick = { fontSize: 12, fill: "var(--color-text-muted)" };

/** Assumed vs measured verification rate per bucket, with the Wilson 95% band and the tolerance band. */
export function RateChart({ rates }: { rates: Rates }) {
  const points: Point[] = rates.buckets.map((b) => ({
    label: b.label,
    rate: b.rate,
    exceedsReported: b.exceedsReported,
    band: b.interval ? [b.interval.low, b.interval.high] : null,
    received: b.received,
    total: b.total,
  }));
  const bc = rates.businessCase;
  const breakEven = bc?.breakEvenRate ?? null;
  const showBreakEven = breakEven !== null && breakEven <= 1;
  const top = shareAxisTop([
    ...points.flatMap((p) => [p.rate ?? 0, p.band?.[1] ?? 0]),
    ...(bc ? [bc.assumedRate + bc.tolerance] : []),
    ...(showBreakEven ? [breakEven] : []),
  ]);
  const noun = bucketNoun[rates.granularity];
  const legend = [
    { label: "Measured rate", swatch: "measured" as const },
    { label: "95% interval (Wilson)", swatch: "band" as const },
    ...(bc
      ? [
          { label: `Assumed ${formatPercent(bc.assumedRate)}`, swatch: "assumed" as const },
          { label: `Tolerance ± ${formatPercent(bc.tolerance)}`, swatch: "tolerance" as const },
        ]
      : []),
    ...(showBreakEven ? [{ label: `Break-even ${formatPercent(breakEven)}`, swatch: "break-even" as const }] : []),
  ];
  return (
    <ChartFrame
      id="rate-chart"
      title="Verification rate"
      legend={legend}
      summary={
        <>
          Escalations received ÷ outputs reported, per {noun}: {formatRate(rates.overall)} over the window (
          {formatCount(rates.overall.received)} of {formatCount(rates.overall.total)}, 95% interval {formatPercentRange(rates.overall.interval)})
          {bc ? `, against an assumed ${formatPercent(bc.assumedRate)} ± ${formatPercent(bc.tolerance)}` : ", with no business case to hold it against"}.
        </>
      }
    >
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={tick} stroke="var(--color-border-strong)" />
          <YAxis domain={[0, top]} tickFormatter={(v: number) => formatPercent(v)} tick={tick} stroke="var(--color-border-strong)" width={52} />
          {bc ? (
            <ReferenceArea
              y1={Math.max(0, bc.assumedRate - bc.tolerance)}
              y2={Math.min(top, bc.assumedRate + bc.tolerance)}
              fill="var(--color-success)"
              fillOpacity={0.12}
              stroke="none"
              ifOverflow="hidden"
            />
          ) : null}
          <Area dataKey="band" stroke="none" fill="var(--color-accent)" fillOpacity={0.18} isAnimationActive={false} connectNulls />
          {bc ? <ReferenceLine y={bc.assumedRate} stroke="var(--color-success)" strokeWidth={2} strokeDasharray="6 3" /> : null}
          {showBreakEven ? <ReferenceLine y={breakEven} stroke="var(--color-danger)" strokeWidth={1.5} strokeDasharray="2 3" /> : null}
          <Line dataKey="rate" stroke="var(--color-accent)" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls />
          <Tooltip
            content={({ active, label }) => {
              const point = active ? points.find((p) => p.label === label) : undefined;
              if (!point) return null;
              return (
                <div className="oversight-chart-tooltip">
                  <strong>{point.label}</strong>
                  <span>
                    {formatRate(point)} · {formatCount(point.received)} of {formatCount(point.total)}
                  </span>
                  <span>95% interval {point.band ? formatPercentRange({ low: point.band[0], high: point.band[1] }) : "—"}</span>
                </div>
              );
            }}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
