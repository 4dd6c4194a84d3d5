export const granularities = ["day", "week", "month"] as const;
export type Granularity = (typeof granularities)[number];

export const granularityLabels: Record<Granularity, string> = { day: "By day", week: "By week", month: "By month" };
/** A bucket's name in sentences: "per day". */
export const bucketNoun: Record<Granularity, string> = { day: "day", week: "week", month: "month" };

export const ranges = {
  "7d": { days: 7, label: "Last 7 days" },
  "30d": { days: 30, label: "Last 30 days" },
  "90d": { days: 90, label: "Last 90 days" },
  "180d": { days: 180, label: "Last 6 months" },
  "365d": { days: 365, label: "Last 12 months" },
  "730d": { days: 730, label: "Last 2 years" },
} as const;
export type RangeKey = keyof typeof ranges;
export const rangeKeys = Object.keys(ranges) as RangeKey[];

/** Without a range in the URL, a span that gives the chosen granularity about a dozen buckets or more. */
export const defaultRange: Record<Granularity, RangeKey> = { day: "30d", week: "90d", month: "365d" };

const dayMs = 86_400_000;

/**
 * The window's start: `days` back from today, moved back to the start of its UTC day, ISO
 * week (Monday) or month, so the first bucket is whole — the server buckets the same way.
 * Stable for a whole day, so it makes a stable query key.
 */
export function windowStart(todayStartUtc: number, days: number, granularity: Granularity): string {
  const start = new Date(todayStartUtc - (days - 1) * dayMs);
  if (granularity === "week") {
    const weekday = (start.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
    start.setUTCDate(start.getUTCDate() - weekday);
  } else if (granularity === "month") {
    start.setUTCDate(1);
  }
  return start.toISOString();
}

export function utcDayStart(now: number): number {
  return Math.floor(now / dayMs) * dayMs;
}
