// The Vercel AI SDK with Countersign as its tool approval: a refund tool that a person approves,
// edits or rejects in the Countersign workbench before it runs.
import { generateText, isStepCount, tool, type LanguageModel } from "ai";
import { z } from "zod";
import { countersignApproval, restBackend } from "../src/index";

export async function refundAgent(model: LanguageModel, countersign: { url: string; apiKey: string }, refunds: unknown[]) {
  const refund = tool({
    description: "Refund an order",
    inputSchema: z.object({ orderId: z.string(), amount: z.number().positive() }),
    execute: async (args) => {
      refunds.push(args);
      return { refunded: args.amount };
    },
  });
  const { tools, toolApproval } = countersignApproval({ refund }, restBackend({ baseUrl: countersign.url, apiKey: countersign.apiKey }), {
    model: "support-agent@2026-11",
    summarize: (call) => `The support agent wants to call ${call.toolName} with ${JSON.stringify(call.args)}.`,
    timeoutMs: 20_000,
  });
  return generateText({ model, tools, toolApproval, stopWhen: isStepCount(3), prompt: "Order 1042 arrived broken; please refund it." });
}
