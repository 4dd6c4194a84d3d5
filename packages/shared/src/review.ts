import { z } from "zod";
import { checklistAnswerSchema, outcomeSchema, type ChecklistAnswer, type Outcome } from "./enums";
import type { ReviewPolicy } from "./policy";

export const escalationIdSchema = z.string().trim().min(1, "escalationId is required").max(64);

export const decideInputSchema = z.strictObject({
  escalationId: escalationIdSchema,
  outcome: outcomeSchema,
  checklist: z.record(z.string(), checklistAnswerSchema),
  rationale: z.string().max(20_000, "rationale must be at most 20000 characters"),
  correctedOutput: z.string().max(200_000, "corrected output must be at most 200000 characters").optional(),
  /** Seconds the page was visible and focused, as measured by the browser; the server caps it. */
  activeSeconds: z.number().min(0, "activeSeconds must not be negative").max(86_400),
});
export type DecideInput = z.infer<typeof decideInputSchema>;

export const openEvidenceInputSchema = z.strictObject({
  escalationId: escalationIdSchema,
  evidenceIndex: z.number().int().min(0).max(49),
});

export type Analysis = {
  outcome: Outcome;
  checklist: Record<string, ChecklistAnswer>;
  rationale: string;
  correctedOutput?: string | undefined;
};

export type UnmetRule = {
  rule: "dwell" | "checklist" | "rationale" | "corrected_output";
  field: string;
  message: string;
  /** For the dwell rule: seconds until it is met. */
  secondsLeft?: number;
};

/**
 * The review rules, in one place, so the server that enforces them and the form that
 * explains them can never disagree. Returns every rule the analysis does not yet meet.
 */
export function unmetReviewRules(
  policy: ReviewPolicy,
  analysis: Analysis,
  secondsSinceClaim: number,
): UnmetRule[] {
  const unmet: UnmetRule[] = [];
  const { outcome } = analysis;
  if (outcome === "approved" && secondsSinceClaim < policy.minDwellSeconds) {
    const secondsLeft = Math.ceil(policy.minDwellSeconds - secondsSinceClaim);
    unmet.push({
      rule: "dwell",
      field: "outcome",
      message: `approval needs at least ${policy.minDwellSeconds} s with the item; ${secondsLeft} s to go`,
      secondsLeft,
    });
  }
  if (outcome !== "escalated") {
    const missing = policy.checklist.filter((item) => !analysis.checklist[item.id]);
    if (missing.length > 0) {
      unmet.push({
        rule: "checklist",
        field: "checklist",
        message: `answer every checklist item; missing: ${missing.map((i) => `"${i.text}"`).join(", ")}`,
      });
    }
  }
  const rationaleLength = analysis.rationale.trim().length;
  if (rationaleLength < policy.minRationaleChars) {
    unmet.push({
      rule: "rationale",
      field: "rationale",
      message: `the rationale needs at least ${policy.minRationaleChars} characters; it has ${rationaleLength}`,
    });
  }
  if (outcome === "modified" && !analysis.correctedOutput?.trim()) {
    unmet.push({
      rule: "corrected_output",
      field: "correctedOutput",
      message: "a modification needs the corrected output",
    });
  }
  return unmet;
}
