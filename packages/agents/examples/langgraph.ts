// LangGraph JS with Countersign as the human in the loop: the refund tool interrupts, a person
// approves, edits or rejects it in the Countersign workbench, and the graph resumes.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { tool } from "@langchain/core/tools";
import { MemorySaver, MessagesAnnotation, StateGraph } from "@langchain/langgraph";
import { ToolNode, toolsCondition } from "@langchain/langgraph/prebuilt";
import { z } from "zod";
import { restBackend, reviewedByHuman, runWithCountersign } from "../src/index";

const RefundArgs = z.object({ orderId: z.string(), amount: z.number().positive() });

export async function refundAgent(model: BaseChatModel, countersign: { url: string; apiKey: string }, refunds: unknown[], threadId: string) {
  const refund = tool(
    reviewedByHuman("refund", RefundArgs, async (args) => {
      refunds.push(args);
      return `refunded ${args.amount}`;
    }),
    { name: "refund", description: "Refund an order", schema: RefundArgs },
  );
  const llm = model.bindTools!([refund]);
  const graph = new StateGraph(MessagesAnnotation)
    .addNode("agent", async (state) => ({ messages: [await llm.invoke(state.messages)] }))
    .addNode("tools", new ToolNode([refund]))
    .addEdge("__start__", "agent")
    .addConditionalEdges("agent", toolsCondition)
    // One step keeps the example short: the tool's result (or the reviewer's refusal) ends the run.
    .addEdge("tools", "__end__")
    .compile({ checkpointer: new MemorySaver() });
  const backend = restBackend({ baseUrl: countersign.url, apiKey: countersign.apiKey });
  return runWithCountersign(graph, { messages: [{ role: "user", content: "Order 1042 arrived broken; please refund it." }] }, threadId, backend, {
    model: "support-agent@2026-11",
    summarize: (call) => `The support agent wants to call ${call.toolName} with ${JSON.stringify(call.args)}.`,
    timeoutMs: 20_000,
  });
}
