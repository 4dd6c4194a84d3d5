import { z } from "zod";
import { wellFormedText } from "./exact";

/**
 * Instructions for use (EU AI Act Art. 13; the deployer follows them, Art. 26(1)): what the
 * provider says about its AI system, as the deployer's oversight needs it on the review screen.
 * Each edit is a new version; a version is never changed, and each verification names the one in force.
 */
const instructionText = (field: string, max: number) =>
  wellFormedText(field, {
    error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`),
  })
    .max(max, `${field} must be at most ${max} characters`)
    // Refine rather than trim: the text comes back exactly as written.
    .refine((text) => text.trim().length > 0, `${field} must not be empty`);

export const instructionsForUseSchema = z.strictObject({
  /** Who placed the AI system on the market (Art. 13(3)(a)). */
  provider: instructionText("provider", 300),
  /** How to reach the provider: address, email, phone (Art. 13(3)(a)). */
  providerContact: instructionText("providerContact", 1000),
  /** What the system is for (Art. 13(3)(b)(i)). */
  intendedPurpose: instructionText("intendedPurpose", 10_000),
  /** Known limitations and circumstances that may lead to risks (Art. 13(3)(b)(ii)–(iii)). */
  knownLimitations: instructionText("knownLimitations", 20_000),
  /** The human oversight measures and how to interpret the output (Art. 13(3)(d), 14). */
  oversightInstructions: instructionText("oversightInstructions", 20_000),
});
export type InstructionsForUse = z.infer<typeof instructionsForUseSchema>;

export const recordInstructionsInputSchema = instructionsForUseSchema.extend({
  systemId: wellFormedText("systemId").min(1, "systemId is required"),
});
export type RecordInstructionsInput = z.infer<typeof recordInstructionsInputSchema>;

/** One version of a system's instructions for use, as the workbench and the REST API read it. */
export const instructionsVersionSchema = instructionsForUseSchema
  .extend({
    id: z.string(),
    /** 1, 2, 3… per AI system. */
    version: z.number().int(),
    /** When this version came into force (it stays in force until the next one). */
    createdAt: z.string(),
  })
  .meta({ id: "InstructionsForUse" });
export type InstructionsVersion = z.infer<typeof instructionsVersionSchema>;
