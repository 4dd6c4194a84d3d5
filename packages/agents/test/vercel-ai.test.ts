import { MockLanguageModelV4 } from "ai/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refundAgent } from "../examples/vercel-ai";
import { countersignForExamples } from "./server";

let countersign: Awaited<ReturnType<typeof countersignForExamples>>;
beforeAll(async () => {
  countersign = await countersignForExamples();
});
afterAll(() => countersign.close());

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 10, text: 10, reasoning: undefined },
};

/** The SDK's own scripted model: first a refund tool call, then a closing sentence. */
function scriptedModel(callId: string) {
  return new MockLanguageModelV4({
    doGenerate: [
      {
        content: [{ type: "tool-call", toolCallId: callId, toolName: "refund", input: JSON.stringify({ orderId: "1042", amount: 39.9 }) }],
        finishReason: { unified: "tool-calls", raw: undefined },
        usage,
        warnings: [],
      },
      { content: [{ type: "text", text: "Done." }], finishReason: { unified: "stop", raw: undefined }, usage, warnings: [] },
    ],
  });
}

async function run(callId: string, outcome: Parameters<typeof countersign.reviewerWill>[0], corrected?: unknown) {
  const refunds: unknown[] = [];
  const model = scriptedModel(callId);
  const [result] = await Promise.all([refundAgent(model, countersign, refunds), countersign.reviewerWill(outcome, corrected)]);
  return { refunds, result, model };
}

describe("Vercel AI SDK: Countersign decides the tool approval", () => {
  it("approved: the tool runs with the arguments the model proposed", async () => {
    const { refunds } = await run("ai-approved", "approved");
    expect(refunds).toEqual([{ orderId: "1042", amount: 39.9 }]);
  });

  it("modified: the tool runs with the reviewer's arguments", async () => {
    const { refunds } = await run("ai-modified", "modified", { tool: "refund", arguments: { orderId: "1042", amount: 20 } });
    expect(refunds).toEqual([{ orderId: "1042", amount: 20 }]);
  });

  it("rejected: the tool does not run and the model is told the reviewer's rationale", async () => {
    const { refunds, model } = await run("ai-rejected", "rejected");
    expect(refunds).toEqual([]);
    expect(JSON.stringify(model.doGenerateCalls.at(-1)?.prompt)).toContain("A human reviewer rejected this tool call");
  });

  it("escalated further: the tool does not run and the model is told not to act", async () => {
    const { refunds, model } = await run("ai-escalated", "escalated");
    expect(refunds).toEqual([]);
    expect(JSON.stringify(model.doGenerateCalls.at(-1)?.prompt)).toContain("do not act");
  });
});
