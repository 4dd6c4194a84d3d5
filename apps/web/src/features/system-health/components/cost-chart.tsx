import { costPerItem } from "@countersign/shared/cost-model";
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { RouterOutputs } from "../../../lib/trpc";
import { formatMoney, formatPercent } from "@countersign/shared/format";
import { bucketNoun } from "../utils/window";
import { ChartFrame } from "./chart-frame";
import type { CostFiguresData } from "./cost-figures";

type Rates = RouterOutputs["metrics"]["rates"];
type Point = { label: string; cost: number | null; band: [number, number] | null; rate: number | null };

const tick = { fontSize: 12, fill: "var(--color-text-muted)" };

/**
 * Cost per item per bucket at its measured rate, against the manual cost (the break-even line)
 * and the business case's cost. The band is the cost at the rate's interval bounds, from the
 * shared cost model with the window's measured review cost.
 */
export function CostChart({ rates, cost }: { rates: Rates; cost: CostFiguresData }) {
  const perReview = cost.reviewCost.perItem;
  const inputs = perReview === null ? null : { aiCostPerItem: cost.aiCostPerItem, reviewCostPerItem: perReview, goldShare: cost.goldShare };
  const points: Point[] = rates.buckets.map((b) => ({
    label: b.label,
    cost: b.costAtMeasuredRate,
    band: inputs && b.interval ? [costPerItem(inputs, b.interval.low), costPerItem(inputs, b.interval.high)] : null,
    rate: b.rate,
  }));
  const { currency } = cost;
  const values = [cost.manualCostPerItem, cost.costAtAssumedRate ?? 0, ...points.flatMap((p) => [p.cost ?? 0, p.band?.[1] ?? 0])];
  const top = Math.max(1, Math.ceil(Math.max(...values) * 1.15));
  const noun = bucketNoun[rates.granularity];
  return (
    <ChartFrame
      id="cost-chart"
      title="Cost per item"
      legend={[
        { label: "At the measured rate", swatch: "measured" },
        { label: "At the rate's 95% interval", swatch: "band" },
        ...(cost.costAtAssumedRate === null ? [] : [{ label: `Business case ${formatMoney(cost.costAtAssumedRate, currency)}`, swatch: "assumed" as const }]),
        { label: `Manual ${formatMoney(cost.manualCostPerItem, currency)} = break-even`, swatch: "break-even" },
      ]}
      summary={
        inputs === null ? (
          "The cost per item needs a review cost: with an hourly rate, it comes from measured active time, and no decision was measured in this window."
        ) : (
          <>
            AI cost + verification rate × review cost ({formatMoney(perReview, currency)}
            {cost.goldShare > 0 ? `, plus ${formatPercent(cost.goldShare)} gold items` : ""}), per {noun}. Above the manual line, an item costs more
            than doing it by hand.
          </>
        )
      }
    >
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={tick} stroke="var(--color-border-strong)" />
          <YAxis domain={[0, top]} tickFormatter={(v: number) => formatMoney(v, currency)} tick={tick} stroke="var(--color-border-strong)" width={64} />
          <Area dataKey="band" stroke="none" fill="var(--color-accent)" fillOpacity={0.18} isAnimationActive={false} connectNulls />
          {cost.costAtAssumedRate !== null ? (
            <ReferenceLine y={cost.costAtAssumedRate} stroke="var(--color-success)" strokeWidth={2} strokeDasharray="6 3" />
          ) : null}
          <ReferenceLine y={cost.manualCostPerItem} stroke="var(--color-danger)" strokeWidth={1.5} strokeDasharray="2 3" />
          <Line dataKey="cost" stroke="var(--color-accent)" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls />
          <Tooltip
            content={({ active, label }) => {
              const point = active ? points.find((p) => p.label === label) : undefined;
              if (!point) return null;
              return (
                <div className="oversight-chart-tooltip">
                  <strong>{point.label}</strong>
                  <span>
                    {formatMoney(point.cost, currency)} at {formatPercent(point.rate)}
                  </span>
                  <span>
                    {point.band ? `${formatMoney(point.band[0], currency)}–${formatMoney(point.band[1], currency)}` : "—"} over the interval
                  </span>
                </div>
              );
            }}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
