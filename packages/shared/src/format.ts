/*
 * One way to write a number. Every figure a person reads — in the workbench and in the proof
 * pack's report — is written by these functions, so "40%" is never also "40 %" or "40.0 %", and
 * seconds have one spelling. Numbers are English-formatted (the product's language); dates are in
 * the reader's time zone unless a caller names one (the server's report writes UTC).
 */
import { format as formatDateFns, isValid, parseISO } from "date-fns";

const locale = "en";

/** What a figure without a sample reads as: a dash, never a zero. */
export const noValue = "—";

type Maybe = number | null | undefined;
const missing = (n: Maybe): n is null | undefined => n === null || n === undefined || Number.isNaN(n);

const percentFormat = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
const countFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const plainNumber = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });

/** A share as a percentage: 0.4 → "40%", 0.0833 → "8.3%"; null → "—". */
export function formatPercent(share: Maybe): string {
  return missing(share) ? noValue : percentFormat.format(share);
}

/** An interval of shares: "22%–61%". */
export function formatPercentRange(interval: { low: number; high: number } | null | undefined): string {
  return interval ? `${percentFormat.format(interval.low)}–${percentFormat.format(interval.high)}` : noValue;
}

/** A count with thousands separators: 12345 → "12,345". */
export function formatCount(n: Maybe): string {
  return missing(n) ? noValue : countFormat.format(n);
}

/** A number as it is, up to two decimals: 1.25 → "1.25", 3 → "3". For settings and factors. */
export function formatNumber(n: Maybe): string {
  return missing(n) ? noValue : plainNumber.format(n);
}

/** A count with its noun: "1 item", "3 items". */
export function formatCountOf(n: number, one: string, many: string): string {
  return `${countFormat.format(n)} ${n === 1 ? one : many}`;
}

/** "2 of 5": how many of a sample, e.g. gold items caught. */
export function formatOf(part: number, whole: number): string {
  return `${countFormat.format(part)} of ${countFormat.format(whole)}`;
}

/** A ratio to peers: "1.75×". */
export function formatRatio(ratio: Maybe): string {
  return missing(ratio) ? noValue : `${twoDecimals.format(ratio)}×`;
}

/** A similarity or other 0–1 score with two decimals: "0.92". */
export function formatScore(score: Maybe): string {
  return missing(score) ? noValue : twoDecimals.format(score);
}

/** A z-score with its sign: "+2.3", "−1.0", "±0.0". */
export function formatZ(z: Maybe): string {
  if (missing(z)) return noValue;
  const rounded = Math.round(z * 10) / 10;
  return `${rounded > 0 ? "+" : rounded < 0 ? "−" : "±"}${oneDecimal.format(Math.abs(rounded))}`;
}

/** An amount in a three-letter currency ("€2.90"); with the code after it when the code is unknown. */
export function formatMoney(amount: Maybe, currency: string | null | undefined): string {
  if (missing(amount)) return noValue;
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: 2 }).format(amount);
    } catch {
      // An ISO-shaped code the runtime does not know: the plain form below.
    }
  }
  return `${twoDecimals.format(amount)}${currency ? ` ${currency}` : ""}`;
}

/** A size in bytes: "812 B", "4.2 kB", "1.3 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${countFormat.format(bytes)} B`;
  if (bytes < 1_000_000) return `${oneDecimal.format(bytes / 1000)} kB`;
  return `${oneDecimal.format(bytes / 1_000_000)} MB`;
}

/**
 * A duration given in seconds, in at most two units: "4.2 s" (one decimal under ten seconds),
 * "42 s", "3 min 20 s", "2 h 5 min", "3 d 4 h". The one spelling of seconds in the product.
 */
export function formatDuration(seconds: Maybe): string {
  if (missing(seconds)) return noValue;
  const abs = Math.abs(seconds);
  if (abs < 10 && abs !== Math.round(abs)) return `${oneDecimal.format(abs)} s`;
  const s = Math.round(abs);
  if (s < 60) return `${s} s`;
  const parts = (big: number, bigUnit: string, small: number, smallUnit: string) => (small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`);
  if (s < 3600) return parts(Math.floor(s / 60), "min", s % 60, "s");
  const min = Math.floor(s / 60);
  if (min < 48 * 60) return parts(Math.floor(min / 60), "h", min % 60, "min");
  const h = Math.floor(min / 60);
  return parts(Math.floor(h / 24), "d", h % 24, "h");
}

/** A network latency given in milliseconds: "85 ms" under a second, then as formatDuration. */
export function formatLatency(ms: Maybe): string {
  if (missing(ms)) return noValue;
  return Math.abs(ms) < 1000 ? `${countFormat.format(Math.round(ms))} ms` : formatDuration(ms / 1000);
}

/** A duration in its largest unit only, for relative times: "42 s", "5 min", "3 h", "2 d". */
export function formatDurationRounded(seconds: number): string {
  const s = Math.max(0, Math.round(Math.abs(seconds)));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} d`;
}

/** A countdown clock: "4:07" or "1:02:07". */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

type When = number | string | Date;
type ZoneOption = { timeZone?: string };

export function toMillis(at: When): number {
  if (typeof at === "number") return at;
  if (typeof at === "string") return Date.parse(at);
  return at.getTime();
}

// Intl formatters are costly to build: one per time zone asked for.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(kind: "date" | "dateTime" | "day" | "minute", timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone ?? ""}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === "date"
        ? { year: "numeric", month: "short", day: "numeric" }
        : kind === "day"
          ? { month: "short", day: "numeric" }
          : kind === "minute"
            ? { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
            : { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZoneName: "short" };
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, format);
  }
  return format;
}

/** A calendar date: "Dec 1, 2026". */
export function formatDate(at: When, options: ZoneOption = {}): string {
  return dateFormat("date", options.timeZone).format(toMillis(at));
}

/** The exact time, to the second, with its zone: "Dec 1, 2026, 18:01:02 UTC". */
export function formatDateTime(at: When, options: ZoneOption = {}): string {
  return dateFormat("dateTime", options.timeZone).format(toMillis(at));
}

/** For a document people read and machines check: the time for people with the ISO form beside it. */
export function formatDateTimeWithIso(at: When): string {
  const ms = toMillis(at);
  return `${formatDateTime(ms, { timeZone: "UTC" })} (${new Date(ms).toISOString()})`;
}

/** A UTC day as the server groups them ("YYYY-MM-DD") as a short label: "Dec 1". */
export function formatDay(day: string): string {
  const at = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(at) ? day : dateFormat("day", "UTC").format(at);
}

/** A period to the minute: "Nov 3, 09:00 – Dec 1, 18:00". */
export function formatPeriod(from: When, to: When, options: ZoneOption = {}): string {
  return dateFormat("minute", options.timeZone).formatRange(toMillis(from), toMillis(to));
}

/** "5 min ago" / "in 5 min"; under five seconds, "just now". */
export function formatRelative(at: When, now: number): string {
  const diff = toMillis(at) - now;
  if (Math.abs(diff) < 5000) return "just now";
  const span = formatDurationRounded(diff / 1000);
  return diff < 0 ? `${span} ago` : `in ${span}`;
}

/** "2026-11-20T09:30" in the viewer's time zone: the value of a datetime-local input. */
export function formatLocalInput(at: When): string {
  return formatDateFns(toMillis(at), "yyyy-MM-dd'T'HH:mm");
}

/** A datetime-local input's value (the viewer's time zone) as an ISO instant; null when it is not a date-time. */
export function localInputToIso(value: string): string | null {
  const at = parseISO(value);
  return isValid(at) ? at.toISOString() : null;
}
