/**
 * Issue paths (as the server and the shared schemas name them) → the label the admin forms show.
 * A form-level summary names fields with these, never with a schema key like "minRationaleChars".
 */
export const fieldLabels: Record<string, string> = {
  slug: "Slug",
  name: "Name",
  description: "Description",
  oversightMode: "Oversight mode",
  email: "Email",
  roles: "Roles",
  label: "Key label",
  requestsPerMinute: "Requests per minute, per key",
  checklist: "Checklist",
  minRationaleChars: "Minimum rationale (characters)",
  minDwellSeconds: "Minimum time before approval (seconds)",
  leaseMinutes: "Lease (minutes)",
  maxLeaseMinutes: "Longest lease (minutes)",
  dwellSecondsPer1000Chars: "Extra dwell per 1,000 characters to read",
  attentionCheckRate: "Attention checks (share of approvals)",
  goldRate: "Gold items (share of claims)",
  maxRationaleSimilarity: "Refuse copied rationales above similarity",
  requiredVerifications: "Independent verifications required",
  retentionMonths: "Keep decided escalations for",
  "dwellPriorityFactor.low": "Dwell factor, low priority",
  "dwellPriorityFactor.normal": "Dwell factor, normal priority",
  "dwellPriorityFactor.high": "Dwell factor, high priority",
  "dwellPriorityFactor.urgent": "Dwell factor, urgent priority",
};

/** "checklist.2.text" → "Checklist item 3"; a known path → its label; otherwise null. */
export function labelOf(path: string): string | null {
  const item = /^checklist\.(\d+)\./.exec(path);
  if (item) return `Checklist item ${Number(item[1]) + 1}`;
  return fieldLabels[path] ?? null;
}
