import { asSchema, type ToolApprovalStatus, type ToolSet, type TypedToolCall, type ModelMessage } from "ai";
import { reviewToolCall, type ReviewBackend, type ReviewOptions } from "./review";

/**
 * Countersign as the Vercel AI SDK's tool approval: pass `toolApproval` and the returned `tools`
 * to generateText / streamText / ToolLoopAgent. Each call of these tools waits for a person in
 * Countersign: approved runs it, modified runs it with the reviewer's arguments (checked against
 * the tool's schema), rejected is denied with the reviewer's rationale as the reason the model
 * sees, and no decision yet is denied with "do not act".
 */
export function countersignApproval<TOOLS extends ToolSet>(tools: TOOLS, backend: ReviewBackend, options: ReviewOptions) {
  const edits = new Map<string, unknown>();
  const reviewed = Object.fromEntries(
    Object.entries(tools).map(([name, tool]) => {
      const execute = tool.execute;
      if (!execute) return [name, tool];
      // The SDK approves the call as the model made it; the reviewer's arguments are put in here.
      return [name, { ...tool, execute: (input: never, execution: { toolCallId: string }) => execute((edits.get(execution.toolCallId) ?? input) as never, execution as never) }];
    }),
  ) as TOOLS;

  const toolApproval = async ({ toolCall, messages }: { toolCall: TypedToolCall<TOOLS>; messages: ModelMessage[] }): Promise<ToolApprovalStatus> => {
    const verdict = await reviewToolCall(
      backend,
      { toolCallId: toolCall.toolCallId, toolName: toolCall.toolName, args: toolCall.input, context: messages.slice(-5) },
      options,
    );
    switch (verdict.type) {
      case "approve":
        return { type: "approved" };
      case "edit": {
        const schema = tools[toolCall.toolName]?.inputSchema;
        const checked = schema ? await asSchema(schema).validate?.(verdict.args) : { success: true as const, value: verdict.args };
        if (checked && !checked.success) return { type: "denied", reason: "A human reviewer changed the arguments, but they do not fit the tool's schema: not run." };
        edits.set(toolCall.toolCallId, verdict.args);
        return { type: "approved", reason: "approved with arguments edited by a human reviewer" };
      }
      default:
        return { type: "denied", reason: verdict.message };
    }
  };

  return { tools: reviewed, toolApproval };
}
