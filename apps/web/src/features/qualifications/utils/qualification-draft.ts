import { authorities, grantQualificationInputSchema, type Authority, type QualificationStatus } from "@countersign/shared/qualifications";
import { zodIssuesByPath } from "../../../lib/errors";

export type GrantDraft = { userId: string; training: string; obtained: string; expires: string; authority: Authority[] };

const pad = (n: number) => String(n).padStart(2, "0");
const dayInput = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Obtained today, valid for a year, with the authority to review. */
export function emptyGrantDraft(now = new Date()): GrantDraft {
  const nextYear = new Date(now.getFullYear() + 1, now.getMonth(), now.getDate());
  return { userId: "", training: "", obtained: dayInput(now), expires: dayInput(nextYear), authority: ["review"] };
}

/** A "YYYY-MM-DD" day in the admin's time zone, at its start or its end, as an ISO date-time; "" when not a date. */
function dayToIso(day: string, end: boolean): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return "";
  const date = end
    ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59)
    : new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
}

/** The grant as the server wants it (obtained from the start of its day, expiring at the end of its day), or the rule each field breaks. */
export function grantInput(systemId: string, draft: GrantDraft, now = Date.now()) {
  const candidate = {
    userId: draft.userId,
    systemId,
    training: draft.training,
    obtainedAt: dayToIso(draft.obtained, false),
    expiresAt: dayToIso(draft.expires, true),
    authority: authorities.filter((a) => draft.authority.includes(a)),
  };
  const parsed = grantQualificationInputSchema.safeParse(candidate);
  const issues: Record<string, string> = parsed.success ? {} : zodIssuesByPath(parsed.error.issues);
  if (!draft.userId) issues.userId = "Choose the reviewer to qualify.";
  if (!candidate.obtainedAt) issues.obtainedAt = "Choose the day the training was completed.";
  if (!candidate.expiresAt) issues.expiresAt = "Choose the day the qualification expires.";
  else if (!issues.expiresAt && Date.parse(candidate.expiresAt) <= now) issues.expiresAt = "The expiry must be in the future: an expired qualification authorises nothing.";
  if (issues.authority) issues.authority = "Grant at least one authority: review, override or stop.";
  if (Object.keys(issues).length > 0 || !parsed.success) return { ok: false as const, issues };
  return { ok: true as const, input: parsed.data };
}

export const statusWords: Record<QualificationStatus, string> = {
  in_force: "in force",
  expired: "expired",
  revoked: "revoked",
  not_yet_valid: "not yet valid",
};

export const authorityHint: Record<Authority, string> = {
  review: "claim and verify this system's escalations; approve and escalate",
  override: "modify or reject the AI output",
  stop: "halt the AI system",
};
