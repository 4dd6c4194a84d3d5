/** The q-quantile by the nearest-rank method: p95 of 40 values is the 38th smallest. */
export function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** "p50 … ms, p95 … ms, min … max …" for one series of timings. */
export function summary(values: number[]): string {
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  return `p50 ${ms(percentile(values, 0.5))}, p95 ${ms(percentile(values, 0.95))} (min ${ms(Math.min(...values))}, max ${ms(Math.max(...values))}, n=${values.length})`;
}
