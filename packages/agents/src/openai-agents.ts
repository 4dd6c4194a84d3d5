import type { RunState, RunToolApprovalItem } from "@openai/agents";
import { reviewToolCall, type ReviewBackend, type ReviewOptions } from "./review";

// Any agent and context: the adapter only approves and rejects items of the state.
type Approvable = Pick<RunState<unknown, never>, "approve" | "reject">;
type Details = { toolCall?: { callId: string } } | undefined;
type Schema<T> = { safeParse(value: unknown): { success: true; data: T } | { success: false } };

/**
 * Countersign as the approver of the OpenAI Agents SDK's interruptions: give the tools
 * `needsApproval: true` and their execute through `withReviewerEdits`, then resolve each run's
 * interruptions in Countersign before running again with the state. Approved → approve;
 * modified → approve, and execute receives the reviewer's arguments; rejected → reject with the
 * reviewer's rationale as the message the model sees; no decision yet → reject with "do not act".
 */
export function countersignInterruptions(backend: ReviewBackend, options: ReviewOptions) {
  const edits = new Map<string, unknown>();

  /** The tool's execute, receiving the reviewer's arguments when they edited the call (checked against `schema`). */
  function withReviewerEdits<T, C, R>(execute: (input: T, context?: C, details?: Details) => R, schema: Schema<T>) {
    return (input: T, context?: C, details?: Details): R => {
      const callId = details?.toolCall?.callId;
      if (callId === undefined || !edits.has(callId)) return execute(input, context, details);
      const edited = schema.safeParse(edits.get(callId));
      if (!edited.success) throw new Error("A human reviewer changed the arguments, but they do not fit the tool's parameters: not run.");
      return execute(edited.data, context, details);
    };
  }

  /** Takes every pending approval to a person in Countersign; returns the state to run again with. */
  async function resolve<S extends Approvable>(result: { interruptions: RunToolApprovalItem[]; state: S }): Promise<S> {
    for (const item of result.interruptions) {
      const callId = "callId" in item.rawItem ? String(item.rawItem.callId) : (item.rawItem.id ?? "unknown");
      const verdict = await reviewToolCall(
        backend,
        { toolCallId: callId, toolName: item.name ?? "tool", args: JSON.parse(item.arguments ?? "{}") },
        options,
      );
      if (verdict.type === "approve") result.state.approve(item);
      else if (verdict.type === "edit") {
        edits.set(callId, verdict.args);
        result.state.approve(item);
      } else result.state.reject(item, { message: verdict.message });
    }
    return result.state;
  }

  return { withReviewerEdits, resolve };
}
