import { z } from "zod";
import { maxWaitSeconds } from "./escalation";
import { wellFormedText } from "./exact";

/** get_decision (MCP): the review by Countersign's id or by the AI system's own externalId. */
export const decisionLookupSchema = z
  .strictObject({
    id: wellFormedText("id").min(1, "id must not be empty").max(200, "id must be at most 200 characters").optional(),
    externalId: wellFormedText("externalId").min(1, "externalId must not be empty").max(200, "externalId must be at most 200 characters").optional(),
    /** Hold the answer until the review is decided or expired, or this many seconds pass. */
    waitSeconds: z
      .number({ error: "waitSeconds must be a number" })
      .int("waitSeconds must be a whole number")
      .min(0, `waitSeconds must be from 0 to ${maxWaitSeconds}`)
      .max(maxWaitSeconds, `waitSeconds must be from 0 to ${maxWaitSeconds}`)
      .optional(),
  })
  .refine((lookup) => (lookup.id === undefined) !== (lookup.externalId === undefined), {
    message: "give exactly one of id or externalId",
    path: ["id"],
  });
