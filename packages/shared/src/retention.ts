import { z } from "zod";
import { wellFormedText } from "./exact";

const holdReasonSchema = (what: string) =>
  wellFormedText("reason")
    .trim()
    .min(10, `${what} must be at least 10 characters: name the matter (case, request or investigation)`)
    .max(1000, `${what} must be at most 1000 characters`);

/**
 * A legal hold keeps content past its retention period while a matter needs it: on a whole AI
 * system, or on one of its escalations.
 */
export const placeHoldInputSchema = z
  .strictObject({
    systemId: wellFormedText("systemId").trim().min(1).optional(),
    escalationId: wellFormedText("escalationId").trim().min(1).max(64).optional(),
    reason: holdReasonSchema("the reason for the hold"),
  })
  .refine((input) => (input.systemId === undefined) !== (input.escalationId === undefined), {
    message: "name either systemId (a hold on the whole system) or escalationId (a hold on one escalation), not both",
    path: ["systemId"],
  });

export const liftHoldInputSchema = z.strictObject({
  holdId: wellFormedText("holdId").trim().min(1, "holdId is required"),
  reason: holdReasonSchema("the reason for lifting the hold"),
});

/** The holds on a system, or those that cover one escalation (its own and its system's). */
export const holdsInputSchema = z
  .strictObject({
    systemId: wellFormedText("systemId").trim().min(1).optional(),
    escalationId: wellFormedText("escalationId").trim().min(1).max(64).optional(),
  })
  .refine((input) => (input.systemId === undefined) !== (input.escalationId === undefined), {
    message: "name either systemId or escalationId",
    path: ["systemId"],
  });

export type LegalHold = {
  id: string;
  systemId: string;
  escalationId: string | null;
  reason: string;
  placedBy: string;
  placedAt: string;
  liftedBy: string | null;
  liftedAt: string | null;
  liftReason: string | null;
};
