import type { RequestChannel } from "@countersign/shared/affected-person-requests";
import type { RouterOutputs } from "../../../lib/trpc";

export type ListedRequest = RouterOutputs["affectedPersonRequests"]["list"][number];
export type RequestDetail = RouterOutputs["affectedPersonRequests"]["get"];

export const channelWords: Record<RequestChannel, string> = {
  email: "email",
  letter: "letter",
  web_form: "web form",
  phone: "phone",
  in_person: "in person",
  other: "other",
};

export const outcomeWords: Record<string, string> = {
  approved: "Approved: the AI output was confirmed",
  modified: "Modified: the AI output was corrected",
  rejected: "Rejected: the AI output was not followed",
  escalated: "Escalated for a decision outside this review",
  expired: "No person decided before the deadline",
};

export const reReviewWords: Record<string, string> = {
  none: "no re-review",
  requested: "re-review requested",
  completed: "re-review completed",
};

/** A datetime-local value (the reader's time zone) as an ISO instant, or "" when empty or unreadable. */
export function localToIso(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? "" : new Date(ms).toISOString();
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Now, as a datetime-local input's value in the reader's time zone. */
export function localNow(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}
