import type { Outcome, Priority } from "@countersign/shared/enums";
import { goldItemInputSchema, type GoldItemInput } from "@countersign/shared/gold";
import { zodIssuesByPath } from "../../../lib/errors";

export type PayloadFormat = "text" | "json";
export type EvidenceDraft = { title: string; content: string; url: string };

/** The add-gold form as typed: strings until submitted, so nothing is lost while it is being filled in. */
export type GoldDraft = {
  externalId: string;
  inputFormat: PayloadFormat;
  input: string;
  outputFormat: PayloadFormat;
  aiOutput: string;
  confidence: string;
  model: string;
  reasonCode: string;
  reasonExplanation: string;
  contextSummary: string;
  priority: Priority;
  evidence: EvidenceDraft[];
  expectedOutcome: Outcome;
  notes: string;
};

export const emptyEvidence: EvidenceDraft = { title: "", content: "", url: "" };

export const emptyGoldDraft: GoldDraft = {
  externalId: "",
  inputFormat: "text",
  input: "",
  outputFormat: "json",
  aiOutput: "",
  confidence: "",
  model: "",
  reasonCode: "",
  reasonExplanation: "",
  contextSummary: "",
  priority: "normal",
  evidence: [],
  // Gold items are typically known-wrong AI outputs: the right decision is to reject them.
  expectedOutcome: "rejected",
  notes: "",
};

/** A payload as the AI system would send it: the text itself, or a parsed JSON object. */
function payload(text: string, format: PayloadFormat, field: string): { value: unknown; issue?: string } {
  if (format === "text") return { value: text };
  if (text.trim() === "") return { value: undefined, issue: `${field} is required` };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return { value, issue: `${field} must be a JSON object ({ … }); choose "Text" for anything else` };
    return { value };
  } catch (error) {
    return { value: undefined, issue: `${field} is not valid JSON: ${error instanceof Error ? error.message : "cannot be parsed"}` };
  }
}

/**
 * Turns the draft into the server's gold item, checked with the same schema the server uses.
 * Issues are keyed by the schema's paths ("escalation.externalId"), like the server's.
 */
export function toGoldItem(draft: GoldDraft): { item: GoldItemInput | null; issues: Record<string, string> } {
  const input = payload(draft.input, draft.inputFormat, "input");
  const aiOutput = payload(draft.aiOutput, draft.outputFormat, "AI output");
  const evidence = draft.evidence
    .filter((e) => e.title.trim() || e.content.trim() || e.url.trim())
    .map((e) => ({ title: e.title, ...(e.content.trim() ? { content: e.content } : {}), ...(e.url.trim() ? { url: e.url.trim() } : {}) }));
  const candidate = {
    escalation: {
      externalId: draft.externalId,
      input: input.value,
      aiOutput: aiOutput.value,
      confidence: draft.confidence.trim() === "" ? undefined : Number(draft.confidence),
      model: draft.model,
      escalationReason: { code: draft.reasonCode, explanation: draft.reasonExplanation },
      contextSummary: draft.contextSummary,
      priority: draft.priority,
      ...(evidence.length ? { evidence } : {}),
    },
    expectedOutcome: draft.expectedOutcome,
    notes: draft.notes,
  };
  const parsed = goldItemInputSchema.safeParse(candidate);
  const issues = parsed.success ? {} : zodIssuesByPath(parsed.error.issues);
  if (input.issue) issues["escalation.input"] = input.issue;
  if (aiOutput.issue) issues["escalation.aiOutput"] = aiOutput.issue;
  if (draft.confidence.trim() !== "" && Number.isNaN(Number(draft.confidence))) issues["escalation.confidence"] = "confidence must be a number between 0 and 1";
  if (Object.keys(issues).length > 0 || !parsed.success) return { item: null, issues };
  return { item: parsed.data, issues: {} };
}

/** The server names fields under the procedure's input (`item.escalation.model`); the form under the item. */
export function withoutItemPrefix(issues: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(issues).map(([path, message]) => [path.replace(/^item\./, ""), message]));
}
