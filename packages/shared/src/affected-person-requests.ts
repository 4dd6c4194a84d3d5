import { UTCDate } from "@date-fns/utc";
import { addMonths, endOfDay } from "date-fns";
import { z } from "zod";
import { wellFormedText } from "./exact";
import type { Authority } from "./qualifications";

/**
 * What a person affected by a decision may ask of the deployer:
 * - `explanation`: a clear and meaningful explanation of the role of the AI system in the decision
 *   and of the main elements of the decision taken (EU AI Act, Regulation (EU) 2024/1689, Art. 86(1),
 *   for decisions based on the output of an Annex III high-risk system with legal or similarly
 *   significant effects);
 * - `human_intervention`: to obtain human intervention, to express their point of view and to
 *   contest the decision (GDPR, Regulation (EU) 2016/679, Art. 22(3)).
 */
export const requestKinds = ["explanation", "human_intervention"] as const;
export const requestKindSchema = z.enum(requestKinds, { error: "kind must be explanation or human_intervention" });
export type RequestKind = z.infer<typeof requestKindSchema>;

export const requestKindWords: Record<RequestKind, { label: string; basis: string }> = {
  explanation: { label: "Explanation of the AI system's role", basis: "EU AI Act Art. 86(1)" },
  human_intervention: { label: "Human intervention / contesting the decision", basis: "GDPR Art. 22(3)" },
};

/**
 * Who may answer which kind: a person holding a qualification in force for the AI system that
 * grants one of these authorities. Contesting a decision needs someone with the authority and
 * competence to change it (override); explaining it, anyone qualified to review or override it.
 */
export const answeringAuthorities: Record<RequestKind, readonly Authority[]> = {
  explanation: ["review", "override"],
  human_intervention: ["override"],
};

/** How the request reached the deployer. */
export const requestChannels = ["email", "letter", "web_form", "phone", "in_person", "other"] as const;
export const requestChannelSchema = z.enum(requestChannels, { error: `channel must be one of ${requestChannels.join(", ")}` });
export type RequestChannel = z.infer<typeof requestChannelSchema>;

/** The most a due date may be extended by (GDPR Art. 12(3), second sentence). */
export const maxExtensionMonths = 2;

/**
 * When the answer is due, GDPR Art. 12(3): "without undue delay and in any event within one month
 * of receipt of the request", extendable "by two further months where necessary, taking into
 * account the complexity and number of the requests". The period is counted as Regulation (EEC,
 * Euratom) No 1182/71 Art. 3 counts periods in months: it ends with the last hour of the day in the
 * last month that bears the same date as the day of receipt, or of that month's last day when it
 * has no such date (received 31 January → due by the end of 28/29 February). Days are UTC days.
 * Public holidays and weekends, which would move the end to the next working day, are not applied:
 * they differ by member state, and an earlier due date is the safe side.
 *
 * The AI Act sets no time limit of its own for an Art. 86 explanation; Countersign applies this
 * one to both kinds, since such a request is, where personal data is processed, also one under
 * GDPR Art. 15(1)(h) or 22(3), to which Art. 12(3) applies.
 */
export function answerDueAt(receivedAt: number, extendedByMonths = 0): number {
  if (!Number.isInteger(extendedByMonths) || extendedByMonths < 0 || extendedByMonths > maxExtensionMonths) {
    throw new RangeError(`an extension is 0 to ${maxExtensionMonths} whole months`);
  }
  return endOfDay(addMonths(new UTCDate(receivedAt), 1 + extendedByMonths)).getTime();
}

/** Whether an open request is past its due date. */
export function requestOverdue(request: { dueAt: string; answeredAt: string | null }, now: number): boolean {
  return request.answeredAt === null && Date.parse(request.dueAt) < now;
}

export const reReviewStatuses = ["none", "requested", "completed"] as const;
export type ReReviewStatus = (typeof reReviewStatuses)[number];

const isoDateTime = (field: string) => z.iso.datetime({ offset: true, error: `${field} must be an ISO 8601 date-time, e.g. 2026-11-22T09:30:00Z` });
const id = (field: string) => wellFormedText(field).trim().min(1, `${field} is required`).max(64, `${field} must be at most 64 characters`);
const reasonText = (field: string, what: string) =>
  wellFormedText(field).trim().min(10, `${field} must be at least 10 characters: ${what}`).max(2000, `${field} must be at most 2000 characters`);

/**
 * A request from an affected person about one decision, found by the AI system's externalId. The
 * requester is named by a reference (a case or ticket number), not by their name or address: the
 * record needs to tell requests apart, not to know who asked.
 */
export const recordRequestInputSchema = z.strictObject({
  systemId: id("systemId"),
  externalId: wellFormedText("externalId").trim().min(1, "externalId is required: the AI system's id of the output the decision was about").max(256),
  kind: requestKindSchema,
  requesterReference: wellFormedText("requesterReference")
    .trim()
    .min(2, "requesterReference is required: a case or ticket number, not the person's name")
    .max(120, "requesterReference must be at most 120 characters: a reference, not the person's details"),
  receivedAt: isoDateTime("receivedAt"),
  channel: requestChannelSchema,
  assigneeId: id("assigneeId"),
});
export type RecordRequestInput = z.input<typeof recordRequestInputSchema>;

export const reassignRequestInputSchema = z.strictObject({ requestId: id("requestId"), assigneeId: id("assigneeId") });

export const extendRequestInputSchema = z.strictObject({
  requestId: id("requestId"),
  months: z.number().int("months must be a whole number").min(1, "months must be 1 or 2").max(maxExtensionMonths, "months must be 1 or 2"),
  reason: reasonText("reason", "why more time is necessary (complexity, number of requests); the person must be told"),
});

const answerText = wellFormedText("answer").trim().min(20, "answer must be at least 20 characters: say what the person asked to know or obtain").max(20_000, "answer must be at most 20000 characters");

export const answerRequestInputSchema = z.strictObject({ requestId: id("requestId"), answer: answerText });

export const editAnswerInputSchema = z.strictObject({
  requestId: id("requestId"),
  answer: answerText,
  reason: reasonText("reason", "why the recorded answer changes"),
});

/**
 * A re-review the request led to: `requested` when the decision goes back to review, `completed`
 * with its result. `escalationId` links the new review round where one exists.
 */
export const recordReReviewInputSchema = z
  .strictObject({
    requestId: id("requestId"),
    status: z.enum(["requested", "completed"], { error: "status must be requested or completed" }),
    result: wellFormedText("result").trim().max(4000, "result must be at most 4000 characters").default(""),
    escalationId: id("escalationId").optional(),
  })
  .refine((r) => r.status !== "completed" || r.result.length >= 10, {
    path: ["result"],
    message: "result must say what the re-review found (at least 10 characters) when it is completed",
  });

export const listRequestsInputSchema = z
  .strictObject({
    systemId: id("systemId").optional(),
    /** Only requests not yet answered. */
    openOnly: z.boolean().default(false),
  })
  .default({ openOnly: false });

export const requestIdInputSchema = z.strictObject({ requestId: id("requestId") });

export const eligibleAssigneesInputSchema = z.strictObject({ systemId: id("systemId"), kind: requestKindSchema });
