/** Figures as a lead reads them: a unit on every number, a dash (never a zero) when there is no sample. */
export const noSample = "—";

export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return noSample;
  return `${Math.round(share * 100)} %`;
}

export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return noSample;
  return seconds < 10 ? `${(Math.round(seconds * 10) / 10).toFixed(1)} s` : `${Math.round(seconds)} s`;
}

/** A z-score with its sign, e.g. "+2.3". */
export function formatZ(z: number | null | undefined): string {
  if (z === null || z === undefined || Number.isNaN(z)) return noSample;
  const rounded = Math.round(z * 10) / 10;
  return `${rounded > 0 ? "+" : rounded < 0 ? "−" : "±"}${Math.abs(rounded).toFixed(1)}`;
}

export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return noSample;
  return `${ratio.toFixed(2)}×`;
}

export function formatCount(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** "2 of 5": how many of a sample, e.g. gold items caught. */
export function formatOf(part: number, whole: number): string {
  return `${part.toLocaleString()} of ${whole.toLocaleString()}`;
}

const dayFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
const rangeFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

/** A day label for chart axes from "YYYY-MM-DD" (UTC days, as the server groups them). */
export function formatDay(day: string): string {
  const at = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(at) ? day : dayFormat.format(new Date(at));
}

export function formatWindow(from: string, to: string): string {
  return `${rangeFormat.format(new Date(from))} – ${rangeFormat.format(new Date(to))}`;
}
