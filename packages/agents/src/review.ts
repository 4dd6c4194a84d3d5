import type { EscalationInput, EscalationResource } from "@countersign/shared/escalation";

/** What the adapters need of Countersign: `@countersign/client` satisfies it, and so does restBackend. */
export type ReviewBackend = {
  escalate(body: EscalationInput): Promise<{ id: string }>;
  waitForDecision(id: string, options: { timeoutMs: number }): Promise<EscalationResource>;
};

/** One tool call an agent wants to make, as the adapters hand it to Countersign. */
export type ToolCall = { toolCallId: string; toolName: string; args: unknown; context?: unknown };

/**
 * The approval vocabulary agent frameworks share, from a human decision:
 * approve (run as proposed), edit (run with the reviewer's arguments), reject (do not run; tell
 * the model why), wait (no decision to act on yet: do not run).
 */
export type Verdict =
  | { type: "approve" }
  | { type: "edit"; args: Record<string, unknown> }
  | { type: "reject"; message: string }
  | { type: "wait"; message: string };

export type ReviewOptions = {
  /** The model (and version) that proposed the tool call. */
  model: string;
  /** What the reviewer must know to judge this call, in a sentence or two. */
  summarize: (call: ToolCall) => string;
  /** Why this call goes to a human (default: every call of this tool needs approval). */
  explain?: (call: ToolCall) => string;
  /** The model's confidence in the call, 0..1, when it has one (default 0.5: unknown). */
  confidence?: (call: ToolCall) => number;
  /** How long to wait for a person before answering "wait" (default 10 minutes). */
  timeoutMs?: number;
  /** Prefix of the externalId, which is `${prefix}${toolCallId}` so a retried call is the same escalation. */
  externalIdPrefix?: string;
};

/** Hands one tool call to a human through Countersign and returns what the agent may do. */
export async function reviewToolCall(backend: ReviewBackend, call: ToolCall, options: ReviewOptions): Promise<Verdict> {
  const { id } = await backend.escalate({
    externalId: `${options.externalIdPrefix ?? "tool-call-"}${call.toolCallId}`,
    input: { toolName: call.toolName, context: (call.context ?? null) as never },
    aiOutput: { tool: call.toolName, arguments: call.args as never },
    confidence: options.confidence?.(call) ?? 0.5,
    model: options.model,
    escalationReason: {
      code: "tool_approval",
      explanation: options.explain?.(call) ?? `Every call of the tool ${call.toolName} needs a person's approval before it runs.`,
    },
    contextSummary: options.summarize(call),
  });
  const escalation = await backend.waitForDecision(id, { timeoutMs: options.timeoutMs ?? 600_000 });
  return verdictOf(escalation);
}

/** The verdict a decision (or its absence) gives; exported for adapters that wait elsewhere. */
export function verdictOf(escalation: EscalationResource): Verdict {
  const decision = escalation.decision;
  if (escalation.status !== "decided" || !decision) {
    return { type: "wait", message: `Countersign escalation ${escalation.id} has no decision yet (${escalation.status}): do not act on this tool call.` };
  }
  switch (decision.outcome) {
    case "approved":
      return { type: "approve" };
    case "rejected":
      return { type: "reject", message: `A human reviewer rejected this tool call: ${decision.rationale}` };
    case "modified": {
      const args = editedArguments(decision.finalOutput);
      if (args) return { type: "edit", args };
      return { type: "reject", message: `A human reviewer changed this tool call in a way that is not valid arguments: ${decision.rationale}` };
    }
    default:
      return { type: "wait", message: `A human reviewer escalated this tool call further: do not act on it yet. ${decision.rationale}` };
  }
}

// The reviewer edits the whole aiOutput ({ tool, arguments }); a bare arguments object is accepted too.
function editedArguments(finalOutput: unknown): Record<string, unknown> | null {
  let value = finalOutput;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (!isObject(value)) return null;
  if ("arguments" in value) return isObject(value.arguments) ? value.arguments : null;
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
