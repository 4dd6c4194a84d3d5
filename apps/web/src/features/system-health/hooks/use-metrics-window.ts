import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { defaultRange, granularities, ranges, utcDayStart, windowStart, type Granularity, type RangeKey } from "../utils/window";

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;

/** The dashboard's time range and granularity live in the URL, so a lead can share the view. */
export function useMetricsWindow(systemId: string) {
  const [params, setParams] = useSearchParams();
  const granularity = oneOf(granularities, params.get("granularity")) ?? "day";
  const range = oneOf(Object.keys(ranges) as RangeKey[], params.get("range")) ?? defaultRange[granularity];
  const today = utcDayStart(Date.now());
  const from = windowStart(today, ranges[range].days, granularity);
  const input = useMemo(() => ({ systemId, granularity, from }), [systemId, granularity, from]);

  const set = useCallback(
    (name: "granularity" | "range", value: string) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set(name, value);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return {
    granularity,
    range,
    input,
    setGranularity: (value: Granularity) => set("granularity", value),
    setRange: (value: RangeKey) => set("range", value),
  };
}
export type MetricsWindow = ReturnType<typeof useMetricsWindow>;
