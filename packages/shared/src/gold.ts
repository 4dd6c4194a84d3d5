import { z } from "zod";
import { wellFormedText } from "./exact";
import { outcomeSchema } from "./enums";
import { escalationInputSchema } from "./escalation";

/** A gold item: an escalation with a known correct outcome (often a known-wrong AI output). */
export const goldItemInputSchema = z.strictObject({
  escalation: escalationInputSchema,
  expectedOutcome: outcomeSchema,
  notes: wellFormedText("notes").max(2000, "notes must be at most 2000 characters").default(""),
});
export type GoldItemInput = z.input<typeof goldItemInputSchema>;

export const addGoldInputSchema = z.strictObject({ systemId: wellFormedText("systemId").min(1), item: goldItemInputSchema });

/** One gold item per line, each `{ "escalation": {…}, "expectedOutcome": "rejected", "notes": "…" }`. */
export const importGoldJsonlInputSchema = z.strictObject({
  systemId: wellFormedText("systemId").min(1),
  jsonl: wellFormedText("jsonl").min(1, "the file is empty").max(5 * 1024 * 1024, "the file must be at most 5 MiB"),
});

export const goldItemIdInputSchema = z.strictObject({ goldItemId: wellFormedText("goldItemId").min(1) });
