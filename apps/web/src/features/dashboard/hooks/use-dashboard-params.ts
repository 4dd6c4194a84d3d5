import { flagKinds, indicatorThresholdsSchema, type FlagKind, type IndicatorThresholds } from "@countersign/shared/indicators";
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { useNow } from "../../../hooks/use-now";
import { reviewerSortKeys, type ReviewerSortKey } from "../utils/reviewer-columns";

export const timeRanges = ["24h", "7d", "30d", "custom"] as const;
export type TimeRange = (typeof timeRanges)[number];

const hour = 3_600_000;
const rangeLength: Record<Exclude<TimeRange, "custom">, number> = { "24h": 24 * hour, "7d": 7 * 24 * hour, "30d": 30 * 24 * hour };

export type ThresholdKey = keyof IndicatorThresholds;
export const thresholdKeys = Object.keys(indicatorThresholdsSchema.shape) as ThresholdKey[];
const thresholdParam = (key: ThresholdKey) => `t.${key}`;

export type DashboardWindow = { from: string; to: string; system?: string; thresholds?: Partial<IndicatorThresholds> };
export type Drill = { reviewerId: string; kind: FlagKind };
export type SortDirection = "asc" | "desc";

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;

const isoOrNull = (value: string | null) => (value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : null);

/** Threshold overrides from the URL; a value the schema refuses is left out (the server's default applies). */
function readThresholds(raw: (string | null)[]): Partial<IndicatorThresholds> {
  const out: Partial<Record<ThresholdKey, number>> = {};
  thresholdKeys.forEach((key, index) => {
    const text = raw[index];
    if (text === null || text === undefined || text.trim() === "") return;
    const parsed = indicatorThresholdsSchema.shape[key].safeParse(Number(text));
    if (parsed.success) out[key] = parsed.data;
  });
  return out;
}

/**
 * The dashboard's view lives in the URL — time range, system, threshold overrides, sort and the
 * open drill-down — so a lead can share exactly what they see. Relative ranges end at the next
 * whole minute and move forward each minute, so the query key stays stable between refreshes.
 */
export function useDashboardParams() {
  const [params, setParams] = useSearchParams();
  const now = useNow(60_000);
  const range = oneOf(timeRanges, params.get("range")) ?? "7d";
  const customFrom = isoOrNull(params.get("from"));
  const customTo = isoOrNull(params.get("to"));
  const system = params.get("system") || undefined;
  const sort = oneOf(reviewerSortKeys, params.get("sort")) ?? "flags";
  const direction: SortDirection = params.get("dir") === "asc" ? "asc" : "desc";
  const drillKind = oneOf(flagKinds, params.get("flag"));
  const drillReviewer = params.get("reviewer");
  // Parsed once per distinct set of values, so the query key only changes when a threshold does.
  const thresholdsKey = JSON.stringify(thresholdKeys.map((key) => params.get(thresholdParam(key))));
  const thresholds = useMemo(() => readThresholds(JSON.parse(thresholdsKey) as (string | null)[]), [thresholdsKey]);
  const minuteEnd = Math.ceil((now + 1) / 60_000) * 60_000;

  const timeWindow = useMemo<DashboardWindow>(() => {
    const customValid = range === "custom" && customFrom && customTo && Date.parse(customFrom) < Date.parse(customTo);
    const to = customValid ? customTo : new Date(minuteEnd).toISOString();
    const from = customValid ? customFrom : new Date(minuteEnd - rangeLength[range === "custom" ? "7d" : range]).toISOString();
    const w: DashboardWindow = { from, to };
    if (system) w.system = system;
    if (Object.keys(thresholds).length > 0) w.thresholds = thresholds;
    return w;
  }, [range, customFrom, customTo, minuteEnd, system, thresholds]);

  const update = useCallback(
    (change: Record<string, string | null | undefined>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [name, value] of Object.entries(change)) {
            if (value === null || value === undefined || value === "") next.delete(name);
            else next.set(name, value);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const setRange = useCallback(
    (next: TimeRange, custom?: { from: string; to: string }) =>
      update({ range: next === "7d" ? null : next, from: next === "custom" ? custom?.from : null, to: next === "custom" ? custom?.to : null }),
    [update],
  );
  const setSystem = useCallback((slug: string | undefined) => update({ system: slug }), [update]);
  const setThresholds = useCallback(
    (values: Partial<IndicatorThresholds>) => update(Object.fromEntries(thresholdKeys.map((key) => [thresholdParam(key), values[key]?.toString()]))),
    [update],
  );
  const setSort = useCallback(
    (key: ReviewerSortKey, dir: SortDirection) => update({ sort: key === "flags" ? null : key, dir: key === "flags" && dir === "desc" ? null : dir }),
    [update],
  );
  /** Opening a drill-down adds a history entry, so Back from an escalation's timeline returns to it. */
  const setDrill = useCallback(
    (drill: Drill | null) =>
      setParams(
        (prev) => {
        const next = new URLSearchParams(prev);
        if (drill) {
          next.set("reviewer", drill.reviewerId);
          next.set("flag", drill.kind);
        } else {
          next.delete("reviewer");
          next.delete("flag");
        }
        return next;
        },
        { replace: drill === null },
      ),
    [setParams],
  );

  return {
    range,
    custom: customFrom && customTo ? { from: customFrom, to: customTo } : null,
    timeWindow,
    system,
    thresholds,
    sort,
    direction,
    drill: drillKind && drillReviewer ? { reviewerId: drillReviewer, kind: drillKind } : null,
    setRange,
    setSystem,
    setThresholds,
    setSort,
    setDrill,
  };
}
