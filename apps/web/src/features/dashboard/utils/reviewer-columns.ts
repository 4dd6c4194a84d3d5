import type { Flag, FlagKind, ReviewerFigures } from "@countersign/shared/indicators";

export type ReviewerRow = { id: string; name: string; figures: ReviewerFigures; flags: Flag[] };

export const reviewerSortKeys = [
  "flags",
  "name",
  "decisions",
  "medianActiveSeconds",
  "p10ActiveSeconds",
  "nearFloorShare",
  "approvalRate",
  "approvalZ",
  "agreementWithAi",
  "goldCatchRate",
  "evidenceOpenRate",
  "duplicateRationaleRate",
  "longestApprovalStreak",
  "switchRate",
  "dayDriftRatio",
] as const;
export type ReviewerSortKey = (typeof reviewerSortKeys)[number];

export type ReviewerColumn = {
  key: ReviewerSortKey | "bands";
  label: string;
  /** What the figure means, for the header's tooltip. */
  description: string;
  num: boolean;
  /** The direction a first click sorts in: the end a lead most wants to see first. */
  firstDirection?: "asc" | "desc";
  /** "col-p3": hidden below 1280 px wide (the table scrolls for the rest, the reviewer's name kept in view). */
  priority?: "col-p3";
};

/** The reviewer table's columns, in order. "bands" (approval by confidence) is a chart, not sortable. */
export const reviewerColumns: ReviewerColumn[] = [
  { key: "name", label: "Reviewer", description: "Reviewer; flags are listed under their row", num: false, firstDirection: "asc" },
  { key: "decisions", label: "Decisions", description: "Decisions in the time range", num: true },
  { key: "medianActiveSeconds", label: "Median active", description: "Median active time per decision (page visible and focused)", num: true, firstDirection: "asc" },
  { key: "p10ActiveSeconds", label: "P10 active", description: "10th percentile of active time: the quickest tenth of decisions took at most this", num: true, firstDirection: "asc", priority: "col-p3" },
  { key: "nearFloorShare", label: "Near floor", description: "Share of approvals decided within a few seconds of the minimum dwell time", num: true },
  { key: "approvalRate", label: "Approval", description: "Approved ÷ (approved + modified + rejected); escalating further takes no position and is left out", num: true },
  { key: "approvalZ", label: "Approval z", description: "Approval rate in standard deviations from the other reviewers' rates", num: true },
  { key: "agreementWithAi", label: "Own verdict = AI", description: "Judgement first: share of the reviewer's own verdicts, recorded before the AI output was shown, that agreed with the AI; — where the AI output is shown first", num: true },
  { key: "goldCatchRate", label: "Gold caught", description: "Known errors in gold items that the reviewer caught", num: true, firstDirection: "asc" },
  { key: "evidenceOpenRate", label: "Evidence opened", description: "Share of items with evidence where at least one item was opened", num: true, firstDirection: "asc" },
  { key: "duplicateRationaleRate", label: "Repeated rationale", description: "Share of rationales that closely repeat an earlier one of the reviewer's", num: true },
  { key: "longestApprovalStreak", label: "Longest streak", description: "Most approvals in a row", num: true, priority: "col-p3" },
  { key: "bands", label: "Approval by confidence", description: "Approval rate in each band of the AI's confidence (< 0.50, 0.50–0.69, 0.70–0.84, ≥ 0.85); flat bars mean confidence does not change the outcome", num: false },
  { key: "switchRate", label: "Switch to AI", description: "Judgement first: after disagreeing with the AI, how often the final decision followed the AI", num: true },
  { key: "dayDriftRatio", label: "Day drift", description: "Active time in the second half of a working day ÷ the first half (below 1: less time later in the day)", num: true, firstDirection: "asc", priority: "col-p3" },
];

/** The column whose figure each flag is about; its cell is marked and opens the same decisions. */
export const flagColumn: Record<FlagKind, ReviewerColumn["key"] | null> = {
  fast: "medianActiveSeconds",
  near_floor: "nearFloorShare",
  approval_rate: "approvalZ",
  gold_missed: "goldCatchRate",
  evidence_unopened: "evidenceOpenRate",
  duplicate_rationale: "duplicateRationaleRate",
  approval_streak: "longestApprovalStreak",
  flat_confidence: "bands",
  switch_to_ai: "switchRate",
  day_drift: "dayDriftRatio",
  attention_wrong: null,
};

function sortValue(row: ReviewerRow, key: ReviewerSortKey): number | string | null {
  if (key === "flags") return row.flags.length * 1e9 + row.figures.decisions;
  if (key === "name") return row.name.toLocaleLowerCase();
  return row.figures[key];
}

/** Sorted reviewers; rows without a figure go last whichever the direction. */
export function sortReviewers(rows: ReviewerRow[], key: ReviewerSortKey, direction: "asc" | "desc"): ReviewerRow[] {
  const sign = direction === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === null && vb === null) return a.name.localeCompare(b.name);
    if (va === null) return 1;
    if (vb === null) return -1;
    if (va < vb) return -sign;
    if (va > vb) return sign;
    return a.name.localeCompare(b.name);
  });
}
