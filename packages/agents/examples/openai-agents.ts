// The OpenAI Agents SDK with Countersign deciding its interruptions: the refund tool needs
// approval, and a person approves, edits or rejects each call in the Countersign workbench.
import { Agent, run, tool, type Model } from "@openai/agents";
import { z } from "zod";
import { countersignInterruptions, restBackend } from "../src/index";

const RefundArgs = z.object({ orderId: z.string(), amount: z.number().positive() });

export async function refundAgent(model: Model, countersign: { url: string; apiKey: string }, refunds: unknown[]) {
  const approvals = countersignInterruptions(restBackend({ baseUrl: countersign.url, apiKey: countersign.apiKey }), {
    model: "support-agent@2026-11",
    summarize: (call) => `The support agent wants to call ${call.toolName} with ${JSON.stringify(call.args)}.`,
    timeoutMs: 20_000,
  });
  const refund = tool({
    name: "refund",
    description: "Refund an order",
    parameters: RefundArgs,
    needsApproval: true,
    execute: approvals.withReviewerEdits(async (args: z.infer<typeof RefundArgs>) => {
      refunds.push(args);
      return `refunded ${args.amount}`;
    }, RefundArgs),
  });
  const agent = new Agent({ name: "Support", instructions: "Help customers with their orders.", tools: [refund], model });
  let result = await run(agent, "Order 1042 arrived broken; please refund it.");
  while (result.interruptions.length > 0) result = await run(agent, await approvals.resolve(result));
  return result;
}
