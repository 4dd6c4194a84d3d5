import { z } from "zod";
import { wellFormedText } from "./exact";

/** get_decision (MCP): the review by Countersign's id or by the AI system's own externalId. */
export const decisionLookupSchema = z
  .strictObject({
    id: wellFormedText("id").min(1, "id must not be empty").max(200, "id must be at most 200 characters").optional(),
    externalId: wellFormedText("externalId").min(1, "externalId must not be empty").max(200, "externalId must be at most 200 characters").optional(),
  })
  .refine((lookup) => (lookup.id === undefined) !== (lookup.externalId === undefined), {
    message: "give exactly one of id or externalId",
    path: ["id"],
  });
