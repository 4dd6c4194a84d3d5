import { utc } from "@date-fns/utc";
import { startOfDay, startOfISOWeek, startOfMonth, subDays, subMonths, subWeeks } from "date-fns";
import { AppError } from "../../lib/errors";

export type Granularity = "day" | "week" | "month";
export type Window = { from: number; to: number };
/** A metrics request as the router receives it (metricsWindowSchema). */
export type WindowInput = { systemId: string; granularity?: Granularity; from?: string | undefined; to?: string | undefined };

const maxDays = 731;

/**
 * The window a metrics query covers: [from, to). Without `to`, up to and including now; without `from`,
 * 30 days, 12 ISO weeks or 12 months back, started at the bucket's UTC boundary so the
 * first bucket is whole.
 */
export function resolveWindow(now: number, input: Omit<WindowInput, "systemId">): Window {
  const to = input.to ? Date.parse(input.to) : now + 1;
  const granularity = input.granularity ?? "day";
  const from = input.from
    ? Date.parse(input.from)
    : granularity === "day"
      ? startOfDay(subDays(to, 30), { in: utc }).getTime()
      : granularity === "week"
        ? startOfISOWeek(subWeeks(to, 12), { in: utc }).getTime()
        : startOfMonth(subMonths(to, 12), { in: utc }).getTime();
  if (from >= to) throw new AppError("BAD_REQUEST", "from must be before to", [{ path: "from", message: "must be before to" }]);
  if (to - from > maxDays * 86_400_000) {
    throw new AppError("BAD_REQUEST", `a metrics window may span at most ${maxDays} days`, [{ path: "from", message: `window longer than ${maxDays} days` }]);
  }
  return { from, to };
}

export const isoWindow = (window: Window) => ({ from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() });
