import { z } from "zod";
import { wellFormedText } from "./exact";
import { businessCaseSchema } from "./cost-model";

const isoDateTime = (field: string) =>
  z.iso.datetime({ offset: true, error: `${field} must be an ISO 8601 date-time, e.g. 2026-11-22T00:00:00Z` });

/** The body an AI system POSTs to /api/v1/volume: how many outputs it produced in a period. */
export const volumeInputSchema = z
  .strictObject({
    periodStart: isoDateTime("periodStart"),
    periodEnd: isoDateTime("periodEnd"),
    total: z
      .number({ error: (i) => (i.input === undefined ? "total is required" : "total must be a number") })
      .int("total must be a whole number")
      .min(0, "total must not be negative"),
    escalated: z.number({ error: "escalated must be a number" }).int("escalated must be a whole number").min(0, "escalated must not be negative").optional(),
  })
  .refine((v) => Date.parse(v.periodEnd) > Date.parse(v.periodStart), {
    path: ["periodEnd"],
    message: "periodEnd must be after periodStart",
  })
  .refine((v) => Date.parse(v.periodEnd) - Date.parse(v.periodStart) <= 31 * 24 * 3600_000, {
    path: ["periodEnd"],
    message: "a period may span at most 31 days",
  })
  .refine((v) => v.escalated === undefined || v.escalated <= v.total, {
    path: ["escalated"],
    message: "escalated must not exceed total",
  });
export type VolumeInput = z.infer<typeof volumeInputSchema>;

const reason = wellFormedText("reason").trim().min(5, "reason must be at least 5 characters").max(1000, "reason must be at most 1000 characters");

export const haltInputSchema = z.strictObject({ systemId: wellFormedText("systemId").min(1), reason });
/** Resuming takes what halting takes: the system and a reason. @alias */
export const resumeInputSchema = haltInputSchema;

export const setBusinessCaseInputSchema = z.strictObject({
  systemId: wellFormedText("systemId").min(1),
  businessCase: businessCaseSchema,
  liveSince: isoDateTime("liveSince").nullable().optional(),
});

export const readinessMilestones = ["before_go_live", "day_30", "day_90", "quarterly"] as const;
export const readinessVerdicts = ["go", "go_with_actions", "no_go"] as const;

export const recordReadinessReviewInputSchema = z
  .strictObject({
    systemId: wellFormedText("systemId").min(1),
    milestone: z.enum(readinessMilestones),
    verdict: z.enum(readinessVerdicts),
    attendees: z.array(wellFormedText("attendee").trim().min(1).max(120)).min(1, "name at least one attendee").max(30),
    actions: z.array(wellFormedText("action").trim().min(1).max(500)).max(50).default([]),
    notes: wellFormedText("notes").trim().max(5000).default(""),
  })
  .refine((v) => v.verdict !== "go_with_actions" || v.actions.length > 0, {
    path: ["actions"],
    message: "a go with actions needs at least one action",
  });

export const metricsWindowSchema = z.strictObject({
  systemId: wellFormedText("systemId").min(1),
  granularity: z.enum(["day", "week", "month"]).default("day"),
  from: isoDateTime("from").optional(),
  to: isoDateTime("to").optional(),
});
