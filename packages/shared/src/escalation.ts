import { z } from "zod";
import { escalationStatusSchema, outcomeSchema, prioritySchema } from "./enums";
import { jsonObjectSchema, refuseLoneSurrogates, textOrJsonObjectSchema, wellFormedText } from "./exact";
import { overdueActions } from "./policy";

const handoffNeedsContext =
  "a handoff needs context: without a summary and a reason it is a raw data dump, not oversight";

const requiredText = (field: string, max: number, why?: string) =>
  wellFormedText(field, {
    error: (issue) =>
      issue.input === undefined ? `${field} is required${why ? ` — ${why}` : ""}` : `${field} must be a string`,
  })
    .max(max, `${field} must be at most ${max} characters`)
    // Refine rather than trim: stored text must come back byte-exact. \S is exactly what trim()
    // keeps (neither WhiteSpace nor LineTerminator), found without copying a long text.
    .refine((text) => /\S/.test(text), `${field} must not be empty${why ? ` — ${why}` : ""}`);

/** What the AI was asked, or what it proposes: free text or a JSON object, kept exactly as sent. */
export const aiPayloadSchema = (field: string) =>
  textOrJsonObjectSchema(field, (input) =>
    input === undefined ? `${field} is required` : `${field} must be a string or a JSON object`,
  );

export const evidenceItemSchema = z.strictObject({
  title: requiredText("evidence title", 200),
  content: wellFormedText("evidence content").max(200_000, "evidence content must be at most 200000 characters").optional(),
  url: z
    .url({ error: "evidence url must be an absolute URL" })
    .max(2000)
    .refine(...refuseLoneSurrogates("evidence url"))
    .optional(),
});
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

export const escalationReasonSchema = z.strictObject(
  {
    code: requiredText("escalationReason.code", 100),
    explanation: requiredText("escalationReason.explanation", 4000, handoffNeedsContext),
  },
  {
    error: (issue) =>
      issue.input === undefined
        ? `escalationReason is required — ${handoffNeedsContext}`
        : "escalationReason must be an object { code, explanation }",
  },
);

const art12 = "For remote biometric identification systems (Annex III point 1(a)), whose logs Art. 12(3) of Regulation (EU) 2024/1689 specifies; optional for every other system.";
const isoDateTime = (field: string) =>
  z.iso.datetime({ offset: true, error: `${field} must be an ISO 8601 date-time, e.g. 2026-11-22T14:00:00Z` });

/** Art. 12(3)(a): the start and end of the use of the system that produced this output, kept as sent. */
export const usePeriodSchema = z
  .strictObject({ start: isoDateTime("usePeriod.start"), end: isoDateTime("usePeriod.end") })
  .refine((period) => Date.parse(period.end) >= Date.parse(period.start), {
    message: "usePeriod.end must not be before usePeriod.start",
    path: ["end"],
  })
  .meta({ description: `Art. 12(3)(a): the period of use (start and end date-time). ${art12}` });

/** The body an AI system POSTs to /api/v1/escalations. */
export const escalationInputSchema = z.strictObject({
  externalId: requiredText("externalId", 200),
  input: aiPayloadSchema("input"),
  aiOutput: aiPayloadSchema("aiOutput"),
  confidence: z
    .number({ error: "confidence must be a number between 0 and 1" })
    .min(0, "confidence must be between 0 and 1")
    .max(1, "confidence must be between 0 and 1"),
  model: requiredText("model", 200),
  escalationReason: escalationReasonSchema,
  contextSummary: requiredText("contextSummary", 20_000, handoffNeedsContext),
  evidence: z.array(evidenceItemSchema).max(50, "evidence may hold at most 50 items").optional(),
  priority: prioritySchema.optional(),
  dueAt: z.iso
    .datetime({ offset: true, error: "dueAt must be an ISO 8601 date-time, e.g. 2026-11-22T14:00:00Z" })
    .optional(),
  metadata: jsonObjectSchema("metadata").optional(),
  usePeriod: usePeriodSchema.optional(),
  referenceDatabase: requiredText("referenceDatabase", 2000)
    .meta({ description: `Art. 12(3)(b): the reference database the input was checked against. ${art12}` })
    .optional(),
  matchedInput: aiPayloadSchema("matchedInput")
    .meta({ anyOf: [{ type: "string" }, { type: "object" }], description: `Art. 12(3)(c): the input data for which the search led to a match (text or a JSON object, kept exactly as sent). ${art12}` })
    .optional(),
});
export type EscalationInput = z.infer<typeof escalationInputSchema>;

/** One reviewer's verification, as the AI system reads it back (two-person rule: one per reviewer). */
export const decisionVerificationSchema = z.object({
  outcome: outcomeSchema,
  rationale: z.string(),
  decidedBy: z.string(),
  decidedAt: z.string(),
  /** The version of the system's instructions for use in force when this verification was made (GET /system/instructions); null: none recorded then. */
  instructionsForUse: z.object({ id: z.string(), version: z.number().int() }).nullable(),
});

/** The qualification in force under which a person acted: training and authority, valid from/until. */
export const qualificationInForceSchema = z.object({
  id: z.string(),
  training: z.string(),
  authority: z.array(z.string()),
  obtainedAt: z.string(),
  expiresAt: z.string(),
});

/**
 * The resolution of verifications that disagreed: who resolved it under which qualification
 * (override authority), and whether they adopted a recorded verification or verified themselves.
 */
export const decisionResolutionSchema = z.object({
  outcome: outcomeSchema,
  rationale: z.string(),
  resolvedBy: z.string(),
  resolvedAt: z.string(),
  /** adopted: one of the disagreeing verifications; own_verification: the resolver's own, listed among the verifications. Null before this rule. */
  basis: z.enum(["adopted", "own_verification"]).nullable(),
  qualification: qualificationInForceSchema.nullable(),
});

export const decisionSchema = z.object({
  /** expired: no human decided before dueAt; `onOverdue` and the rationale say what the AI system must do. */
  outcome: z.union([outcomeSchema, z.literal("expired")]),
  finalOutput: z.union([z.string(), z.record(z.string(), z.unknown())]).nullable(),
  rationale: z.string(),
  decidedBy: z.string(),
  decidedAt: z.string(),
  /** Every verification recorded, oldest first. */
  verifications: z.array(decisionVerificationSchema).optional(),
  /** Present when the verifications disagreed and a resolver settled the escalation. */
  resolution: decisionResolutionSchema.optional(),
  /** On an expired decision: the system's policy when it expired (hold, reject or escalate). */
  onOverdue: z.enum(overdueActions).optional(),
});
export type Decision = z.infer<typeof decisionSchema>;

/**
 * An earlier review round whose decision a person with the override authority reopened (Art.
 * 14(4)(d)): the decision as it was, kept, and who reopened it, when and why.
 */
export const supersededRoundSchema = z.object({
  round: z.number().int().min(1),
  /** The round's decision as the AI system was told it; no longer in force. */
  decision: decisionSchema,
  supersededAt: z.string(),
  reopenedBy: z.string(),
  reason: z.string(),
  /** The round's dueAt, when it had one; each reopened round has its own (the escalation's `dueAt` is the round in force's). */
  dueAt: z.string().optional(),
});
export type SupersededRound = z.infer<typeof supersededRoundSchema>;

/** What the REST API returns for one escalation. */
export const escalationResourceSchema = escalationInputSchema
  .extend({
    id: z.string(),
    status: escalationStatusSchema,
    /** The review round in progress or decided: 1 unless a decision was reopened. `decision` is always this round's. */
    round: z.number().int().min(1),
    /** The earlier rounds, oldest first, each with its superseded decision; absent until a decision is reopened. */
    earlierRounds: z.array(supersededRoundSchema).optional(),
    receivedAt: z.string(),
    /** The W3C traceparent the AI system sent with it, if any. */
    traceparent: z.string().optional(),
    decision: decisionSchema.optional(),
    /** Set once the content was purged past the system's retention period. */
    purgedAt: z.string().optional(),
  })
  .meta({ id: "Escalation" });
export type EscalationResource = z.output<typeof escalationResourceSchema>;

/** The longest a GET may wait for the decision: long enough to save polling, short of proxies' idle timeouts. */
export const maxWaitSeconds = 30;

/**
 * `?wait=N` on a GET: hold the answer until the escalation is decided or expired, or N seconds
 * pass. A whole number of seconds, 0 to 30; absent is 0 (answer at once).
 */
export const waitSchema = z
  .string()
  .regex(/^\d{1,2}$/, `wait must be a whole number of seconds from 0 to ${maxWaitSeconds}`)
  .transform(Number)
  .refine((n) => n <= maxWaitSeconds, `wait must be at most ${maxWaitSeconds} seconds`)
  .optional();

export const escalationWaitSchema = z.object({ wait: waitSchema });

/** `GET /api/v1/escalations/:id`: the id as the path carries it, refused like any text field when it holds NUL. */
export const escalationByIdSchema = escalationWaitSchema.extend({ id: requiredText("id", 200) });

export const escalationLookupSchema = z.object({
  externalId: requiredText("externalId", 200),
  wait: waitSchema,
});
