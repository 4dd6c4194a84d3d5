import { formatCountOf, formatDuration, formatNumber, formatPercent } from "@countersign/shared/format";
import type { readinessMilestones, readinessVerdicts } from "@countersign/shared/operations";

export type Milestone = (typeof readinessMilestones)[number];
export type Verdict = (typeof readinessVerdicts)[number];

export const milestoneLabels: Record<Milestone, string> = {
  before_go_live: "Before go-live",
  day_30: "30 days after go-live",
  day_90: "90 days after go-live",
  quarterly: "Quarterly",
};

export const verdictLabels: Record<Verdict, string> = { go: "Go", go_with_actions: "Go with actions", no_go: "No-go" };

export const verdictTone = { go: "success", go_with_actions: "warning", no_go: "danger" } as const;

/** A policy setting in a few characters, with its unit: "40 characters", "on", "3 items", "kept indefinitely". */
export function formatSetting(rule: string, setting: unknown): string {
  if (setting === null || setting === undefined) return rule === "retentionMonths" ? "kept indefinitely" : "not set";
  if (typeof setting === "boolean") return setting ? "on" : "off";
  if (typeof setting === "number") {
    const unit = settingUnits[rule];
    if (unit === "share") return formatPercent(setting);
    if (unit === "seconds") return formatDuration(setting);
    if (unit === "minutes") return formatDuration(setting * 60);
    return unit ? `${formatNumber(setting)} ${unit}` : formatNumber(setting);
  }
  if (typeof setting === "string") return setting;
  if (Array.isArray(setting)) return formatCountOf(setting.length, "item", "items");
  if (typeof setting === "object") {
    return Object.entries(setting)
      .map(([key, value]) => `${key} ×${formatNumber(Number(value))}`)
      .join(", ");
  }
  return "—";
}

const settingUnits: Record<string, "share" | "seconds" | "minutes" | string> = {
  minRationaleChars: "characters",
  minDwellSeconds: "seconds",
  leaseMinutes: "minutes",
  maxLeaseMinutes: "minutes",
  dwellSecondsPer1000Chars: "seconds",
  attentionCheckRate: "share",
  goldRate: "share",
  maxRationaleSimilarity: "share",
  requiredVerifications: "reviewers",
  retentionMonths: "months",
};
