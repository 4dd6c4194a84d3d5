import { z } from "zod";
import { textMaybeJson, wellFormedText } from "./exact";
import { checklistAnswerSchema, outcomeSchema, type ChecklistAnswer, type Outcome, type Priority } from "./enums";
import { dwellCeilingSeconds, type ReviewPolicy } from "./policy";

export const escalationIdSchema = wellFormedText("escalationId").trim().min(1, "escalationId is required").max(64);

export const decideInputSchema = z.strictObject({
  escalationId: escalationIdSchema,
  outcome: outcomeSchema,
  // A record: a `__proto__` item id would be dropped by it, but no policy can name one (ids are [a-z0-9-]).
  checklist: z.record(wellFormedText("checklist item id"), checklistAnswerSchema),
  rationale: wellFormedText("rationale").max(20_000, "rationale must be at most 20000 characters"),
  correctedOutput: textMaybeJson("correctedOutput").max(200_000, "corrected output must be at most 200000 characters").optional(),
  /** Evidence items (by index) the reviewer names as supporting the decision. */
  supportingEvidence: z.array(z.number().int().min(0).max(49)).max(50).optional(),
  /** The option chosen in the attention check, when one was asked. */
  attentionAnswer: z.number().int().min(0).max(3).optional(),
});
export type DecideInput = z.infer<typeof decideInputSchema>;

/**
 * "Decide & next" in one round trip: the review screen's last heartbeat (`leaving` as the screen
 * would send it), the decision, then the claim of the next item and its view. The reviewer asked
 * for the next item by deciding without "finish after this one", so no lease is taken unasked.
 */
export const decideAndClaimNextInputSchema = decideInputSchema.extend({ leaving: z.boolean().default(false) });

/**
 * A resolver settles a two-person disagreement by adopting one recorded verification (its
 * outcome and, for a modification, its corrected output), saying why. To decide otherwise the
 * resolver records a full verification of their own instead (takeUpDispute, then decide).
 */
export const resolveInputSchema = z.strictObject({
  escalationId: escalationIdSchema,
  verificationId: wellFormedText("verificationId").trim().min(1, "choose the verification whose outcome becomes the decision").max(64),
  rationale: wellFormedText("rationale")
    .max(20_000, "rationale must be at most 20000 characters")
    .refine((text) => text.trim().length >= 20, "the resolution needs a rationale of at least 20 characters"),
});
export type ResolveInput = z.infer<typeof resolveInputSchema>;

/** The shortest reason a reopening accepts: enough to say what was wrong with the decision, or what came to light. */
export const minReopenReasonLength = 20;

/**
 * A person with the override authority reopens a decided escalation (Art. 14(4)(d)): it goes back
 * to review as a new round, and the reason stays in the record beside the superseded decision.
 */
export const reopenInputSchema = z.strictObject({
  escalationId: escalationIdSchema,
  reason: wellFormedText("reason")
    .max(2000, "the reason must be at most 2000 characters")
    .refine((text) => text.trim().length >= minReopenReasonLength, `say why the decision is reopened (reason: at least ${minReopenReasonLength} characters)`),
});
export type ReopenInput = z.infer<typeof reopenInputSchema>;

export const judgementVerdicts = ["approve", "reject"] as const;
export type JudgementVerdict = (typeof judgementVerdicts)[number];

/** Judgement first: the reviewer's own verdict, from input, summary and evidence only. */
export const recordJudgementInputSchema = z.strictObject({
  escalationId: escalationIdSchema,
  verdict: z.enum(judgementVerdicts),
  reason: wellFormedText("reason")
    .max(500, "the reason must be at most 500 characters")
    .refine((text) => text.trim().length >= 10, "say in one line why (at least 10 characters)"),
});

export const openEvidenceInputSchema = z.strictObject({
  escalationId: escalationIdSchema,
  evidenceIndex: z.number().int().min(0).max(49),
});

export type Analysis = {
  outcome: Outcome;
  checklist: Record<string, ChecklistAnswer>;
  rationale: string;
  correctedOutput?: string | undefined;
  supportingEvidence?: number[] | undefined;
  attentionAnswer?: number | undefined;
};

/** What the server knows about the review so far, beside the form's own fields. */
export type ReviewSituation = {
  /** Active time the server credited from the review screen's heartbeats since the claim. */
  activeSeconds: number;
  requiredDwellSeconds: number;
  /** The item's length and priority would ask for more; the dwell was capped to fit the longest lease. */
  dwellCapped: boolean;
  evidenceCount: number;
  evidenceOpened: number[];
  judgementRecorded: boolean;
  attentionCheckAsked: boolean;
};

/**
 * Dwell that scales: base seconds plus seconds per 1,000 characters there is to read,
 * multiplied by the priority's factor (urgent items carry more risk, so more time) — capped so
 * that no item ever asks for more active time than its longest lease can give.
 */
export function dwellRequirement(policy: ReviewPolicy, readableChars: number, priority: Priority) {
  const base = policy.minDwellSeconds + (policy.dwellSecondsPer1000Chars * readableChars) / 1000;
  const scaled = Math.ceil(base * policy.dwellPriorityFactor[priority]);
  const ceiling = dwellCeilingSeconds(policy);
  return { seconds: Math.min(scaled, ceiling), capped: scaled > ceiling };
}

export function requiredDwellSeconds(policy: ReviewPolicy, readableChars: number, priority: Priority): number {
  return dwellRequirement(policy, readableChars, priority).seconds;
}

export type UnmetRule = {
  rule: "judgement" | "dwell" | "checklist" | "rationale" | "corrected_output" | "evidence" | "attention";
  field: string;
  message: string;
  /** For the dwell rule: seconds until it is met. */
  secondsLeft?: number;
};

/**
 * The review rules, in one place, so the server that enforces them and the form that
 * explains them can never disagree. Returns every rule the analysis does not yet meet.
 */
export function unmetReviewRules(policy: ReviewPolicy, analysis: Analysis, situation: ReviewSituation): UnmetRule[] {
  const unmet: UnmetRule[] = [];
  const { outcome } = analysis;
  if (policy.judgementFirst && !situation.judgementRecorded) {
    unmet.push({
      rule: "judgement",
      field: "judgement",
      message: "record your own verdict first; the AI output is revealed after it",
    });
  }
  const dwell = situation.requiredDwellSeconds;
  if (outcome === "approved" && situation.activeSeconds < dwell) {
    const secondsLeft = Math.ceil(dwell - situation.activeSeconds);
    unmet.push({
      rule: "dwell",
      field: "outcome",
      message: `approval needs at least ${dwell} s of active time with this item (the review screen visible and focused); ${secondsLeft} s to go`,
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
  if (outcome === "approved" && policy.evidenceRequired) {
    const cited = analysis.supportingEvidence ?? [];
    if (situation.evidenceCount === 0) {
      unmet.push({
        rule: "evidence",
        field: "supportingEvidence",
        message: "this system approves only on evidence, and this escalation has none: reject or escalate it",
      });
    } else if (situation.evidenceOpened.length === 0) {
      unmet.push({ rule: "evidence", field: "supportingEvidence", message: "open at least one evidence item before approving" });
    } else if (cited.length === 0) {
      unmet.push({ rule: "evidence", field: "supportingEvidence", message: "name the evidence that supports the approval" });
    } else if (cited.some((index) => !situation.evidenceOpened.includes(index))) {
      unmet.push({ rule: "evidence", field: "supportingEvidence", message: "you can only cite evidence you have opened" });
    }
  }
  if (outcome === "approved" && situation.attentionCheckAsked && analysis.attentionAnswer === undefined) {
    unmet.push({ rule: "attention", field: "attentionAnswer", message: "answer the attention check before approving" });
  }
  return unmet;
}
