import { z } from "zod";

const holdReasonSchema = (what: string) =>
  z
    .string()
    .trim()
    .min(10, `${what} must be at least 10 characters: name the matter (case, request or investigation)`)
    .max(1000, `${what} must be at most 1000 characters`);

/**
 * A legal hold keeps content past its retention period while a matter needs it: on a whole AI
 * system, or on one of its escalations.
 */
export const placeHoldInputSchema = z.strictObject({
  systemId: z.string().trim().min(1, "systemId is required"),
  escalationId: z.string().trim().min(1).max(64).optional(),
  reason: holdReasonSchema("the reason for the hold"),
});
export type PlaceHoldInput = z.infer<typeof placeHoldInputSchema>;

export const liftHoldInputSchema = z.strictObject({
  holdId: z.string().trim().min(1, "holdId is required"),
  reason: holdReasonSchema("the reason for lifting the hold"),
});
export type LiftHoldInput = z.infer<typeof liftHoldInputSchema>;

export const holdsInputSchema = z.strictObject({
  systemId: z.string().trim().min(1, "systemId is required"),
  escalationId: z.string().trim().min(1).max(64).optional(),
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
