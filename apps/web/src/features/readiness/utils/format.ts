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

/** A policy setting in a few characters: numbers and switches as they are, lists by their length. */
export function formatSetting(setting: unknown): string {
  if (typeof setting === "boolean") return setting ? "on" : "off";
  if (typeof setting === "number" || typeof setting === "string") return String(setting);
  if (Array.isArray(setting)) return `${setting.length} ${setting.length === 1 ? "item" : "items"}`;
  if (setting && typeof setting === "object") {
    return Object.entries(setting)
      .map(([key, value]) => `${key} ${String(value)}`)
      .join(", ");
  }
  return "—";
}
