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
