import { z } from "zod";

export const checklistItemSchema = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "checklist item id must be lowercase letters, digits and dashes"),
  text: z.string().trim().min(3, "checklist item text must be at least 3 characters").max(300),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

/** The review policy of one AI system. Every rule here is enforced by the server. */
export const reviewPolicySchema = z.strictObject({
  checklist: z
    .array(checklistItemSchema)
    .min(1, "the checklist needs at least one item")
    .max(20, "the checklist may hold at most 20 items")
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, "checklist item ids must be unique"),
  minRationaleChars: z
    .number()
    .int("minRationaleChars must be a whole number")
    .min(1, "minRationaleChars must be at least 1")
    .max(5000, "minRationaleChars must be at most 5000")
    .default(40),
  minDwellSeconds: z
    .number()
    .int("minDwellSeconds must be a whole number")
    .min(0, "minDwellSeconds must not be negative")
    .max(3600, "minDwellSeconds must be at most 3600")
    .default(20),
  leaseMinutes: z
    .number()
    .int("leaseMinutes must be a whole number")
    .min(1, "leaseMinutes must be at least 1")
    .max(480, "leaseMinutes must be at most 480")
    .default(15),
});
export type ReviewPolicy = z.infer<typeof reviewPolicySchema>;

export const defaultChecklist: ChecklistItem[] = [
  { id: "output-matches-input", text: "The AI output answers what was asked" },
  { id: "evidence-supports", text: "The evidence supports the AI output" },
  { id: "policy-compliant", text: "The outcome complies with our policy" },
];

export const defaultReviewPolicy: ReviewPolicy = {
  checklist: defaultChecklist,
  minRationaleChars: 40,
  minDwellSeconds: 20,
  leaseMinutes: 15,
};
