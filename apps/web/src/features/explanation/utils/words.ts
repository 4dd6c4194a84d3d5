import type { RouterOutputs } from "../../../lib/trpc";

export type Explanation = RouterOutputs["audit"]["explanation"];

export const outcomeWords: Record<string, string> = {
  approved: "Approved",
  modified: "Modified",
  rejected: "Rejected",
  escalated: "Escalated",
};

/** A value of a changed field as plain text: strings as they are, everything else as JSON; absent as "—". */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2);
}

/** Seconds as "42 s" or "3 min 07 s". */
export function secondsText(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, "0")} s`;
}
