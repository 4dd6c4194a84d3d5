/** A calendar day as the date input speaks it: "2026-11-22", in the viewer's time zone. */
export function dayInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local midnight at the start of a "YYYY-MM-DD" day; null when the text is not a date. */
export function startOfDay(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The default export period: the last 30 days, today included. */
export function defaultPeriod(now = new Date()) {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 30);
  return { from: dayInput(from), to: dayInput(now) };
}

export type PeriodIssues = { from?: string; to?: string };

/**
 * The period as the export wants it: from the start of the first day to the start of the day after
 * the last (so the last day is included), as ISO date-times; or the rule each field breaks.
 */
export function periodRange(from: string, to: string): { ok: true; from: string; to: string } | { ok: false; issues: PeriodIssues } {
  const start = startOfDay(from);
  const last = startOfDay(to);
  const issues: PeriodIssues = {};
  if (!start) issues.from = "Choose the first day of the period.";
  if (!last) issues.to = "Choose the last day of the period.";
  if (start && last && last < start) issues.to = "The last day must not be before the first day.";
  if (!start || !last || issues.to) return { ok: false, issues };
  const end = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
  return { ok: true, from: start.toISOString(), to: end.toISOString() };
}
