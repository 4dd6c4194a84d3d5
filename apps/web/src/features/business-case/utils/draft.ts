import { formatPercent } from "@countersign/shared/format";
import { businessCaseSchema, type BusinessCase } from "@countersign/shared/cost-model";
import { zodIssuesByPath } from "../../../lib/errors";

/** The form's fields as typed: text, so a half-typed number is not lost. Shares are in percent. */
export type Draft = {
  currency: string;
  manualCostPerItem: string;
  aiCostPerItem: string;
  reviewBasis: "per_item" | "per_hour";
  reviewAmount: string;
  hourlyRate: string;
  assumedRatePercent: string;
  tolerancePercent: string;
  goldSharePercent: string;
  driftWindowHours: string;
  driftMinSample: string;
  /** YYYY-MM-DD, or empty for "not live yet". */
  liveSince: string;
};
export type DraftField = keyof Draft;

// The value an input field starts from, not a figure for reading: no separators, no unit.
// eslint-disable-next-line no-restricted-syntax
const percentText = (share: number) => String(Number((share * 100).toFixed(4)));

export function toDraft(businessCase: BusinessCase | null, liveSince: number | null): Draft {
  const bc = businessCase;
  return {
    currency: bc?.currency ?? "EUR",
    manualCostPerItem: bc ? String(bc.manualCostPerItem) : "",
    aiCostPerItem: bc ? String(bc.aiCostPerItem) : "",
    reviewBasis: bc?.reviewCost.kind ?? "per_item",
    reviewAmount: bc?.reviewCost.kind === "per_item" ? String(bc.reviewCost.amount) : "",
    hourlyRate: bc?.reviewCost.kind === "per_hour" ? String(bc.reviewCost.hourlyRate) : "",
    assumedRatePercent: bc ? percentText(bc.assumedVerificationRate) : "",
    tolerancePercent: percentText(bc?.tolerance ?? 0.05),
    goldSharePercent: percentText(bc?.goldShare ?? 0),
    driftWindowHours: String(bc?.driftWindowHours ?? 24),
    driftMinSample: String(bc?.driftMinSample ?? 100),
    liveSince: liveSince === null ? "" : new Date(liveSince).toISOString().slice(0, 10),
  };
}

export const toNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text.replace(",", ".")));

/** The schema's field paths, as the form's fields. */
const fieldOfPath: Record<string, DraftField> = {
  currency: "currency",
  manualCostPerItem: "manualCostPerItem",
  aiCostPerItem: "aiCostPerItem",
  "reviewCost.amount": "reviewAmount",
  "reviewCost.hourlyRate": "hourlyRate",
  assumedVerificationRate: "assumedRatePercent",
  tolerance: "tolerancePercent",
  goldShare: "goldSharePercent",
  driftWindowHours: "driftWindowHours",
  driftMinSample: "driftMinSample",
  liveSince: "liveSince",
};

/** Issues keyed by schema path (from zod or the server) → keyed by form field. */
export function issuesByField(byPath: Record<string, string>): Partial<Record<DraftField, string>> {
  const out: Partial<Record<DraftField, string>> = {};
  for (const [path, message] of Object.entries(byPath)) {
    const field = fieldOfPath[path.replace(/^businessCase\./, "")];
    if (field) out[field] ??= message;
  }
  return out;
}

/** Shares are typed in percent, so their rules are named in percent too. */
const percentRules: { field: DraftField; name: string; max: number }[] = [
  { field: "assumedRatePercent", name: "assumed verification rate", max: 100 },
  { field: "tolerancePercent", name: "tolerance", max: 100 },
  { field: "goldSharePercent", name: "gold share", max: 50 },
];

/** Whole-number fields whose schema rules have no wording of their own. */
const wholeRules: { field: DraftField; rule: string; min: number; max: number }[] = [
  { field: "driftWindowHours", rule: "drift window must be a whole number of hours from 1 to 744 (31 days)", min: 1, max: 744 },
  { field: "driftMinSample", rule: "minimum sample must be a whole number of outputs from 1 to 10,000,000", min: 1, max: 10_000_000 },
];

export type Parsed =
  | { ok: true; businessCase: BusinessCase; liveSince: string | null }
  | { ok: false; issues: Partial<Record<DraftField, string>> };

/** Checks the draft against the shared business-case schema, the same rules the server applies. */
export function parseDraft(draft: Draft): Parsed {
  const issues: Partial<Record<DraftField, string>> = {};
  for (const rule of percentRules) {
    const value = toNumber(draft[rule.field]);
    if (Number.isNaN(value)) issues[rule.field] = `${rule.name} must be a number (in percent)`;
    else if (value < 0 || value > rule.max) issues[rule.field] = `${rule.name} must be between ${formatPercent(0)} and ${formatPercent(rule.max / 100)}`;
  }
  for (const rule of wholeRules) {
    const value = toNumber(draft[rule.field]);
    if (!Number.isInteger(value) || value < rule.min || value > rule.max) issues[rule.field] = rule.rule;
  }
  if (draft.liveSince !== "" && Number.isNaN(Date.parse(`${draft.liveSince}T00:00:00Z`))) {
    issues.liveSince = "go-live date must be a date, e.g. 2026-11-22";
  }
  const candidate = {
    currency: draft.currency.trim().toUpperCase(),
    manualCostPerItem: toNumber(draft.manualCostPerItem),
    aiCostPerItem: toNumber(draft.aiCostPerItem),
    reviewCost:
      draft.reviewBasis === "per_item"
        ? { kind: "per_item" as const, amount: toNumber(draft.reviewAmount) }
        : { kind: "per_hour" as const, hourlyRate: toNumber(draft.hourlyRate) },
    assumedVerificationRate: toNumber(draft.assumedRatePercent) / 100,
    tolerance: toNumber(draft.tolerancePercent) / 100,
    goldShare: toNumber(draft.goldSharePercent) / 100,
    driftWindowHours: toNumber(draft.driftWindowHours),
    driftMinSample: toNumber(draft.driftMinSample),
  };
  const parsed = businessCaseSchema.safeParse(candidate);
  if (!parsed.success) {
    const fromSchema = issuesByField(zodIssuesByPath(parsed.error.issues));
    for (const [field, message] of Object.entries(fromSchema) as [DraftField, string][]) issues[field] ??= message;
  }
  if (!parsed.success || Object.keys(issues).length > 0) return { ok: false, issues };
  return { ok: true, businessCase: parsed.data, liveSince: draft.liveSince === "" ? null : `${draft.liveSince}T00:00:00Z` };
}
