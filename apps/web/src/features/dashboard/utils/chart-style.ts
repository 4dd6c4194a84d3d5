import { formatPercent } from "@countersign/shared/format";
/** Chart colours and text come from the design tokens, so charts follow light and dark mode. */
export const chartColors = {
  primary: "var(--color-chart-1)",
  secondary: "var(--color-chart-2)",
  tertiary: "var(--color-chart-3)",
  grid: "var(--color-border)",
  text: "var(--color-text-muted)",
} as const;

export const axisTick = { fill: chartColors.text, fontSize: 12 };

export const tooltipStyle = {
  contentStyle: {
    background: "var(--color-bg)",
    border: "1px solid var(--color-border)",
    borderRadius: 6,
    color: "var(--color-text)",
    fontSize: 13,
  },
  labelStyle: { color: "var(--color-text)", fontWeight: 600 },
  itemStyle: { color: "var(--color-text)" },
} as const;

export const percentTick = (value: number) => formatPercent(value);
