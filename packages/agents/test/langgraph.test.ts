import { AIMessageChunk } from "@langchain/core/messages";
import { FakeStreamingChatModel } from "@langchain/core/utils/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refundAgent } from "../examples/langgraph";
import { countersignForExamples } from "./server";

let countersign: Awaited<ReturnType<typeof countersignForExamples>>;
beforeAll(async () => {
  countersign = await countersignForExamples();
});
afterAll(() => countersign.close());

/** LangChain's own fake chat model, scripted to call the refund tool. */
function scriptedModel(callId: string) {
  return new FakeStreamingChatModel({
    chunks: [new AIMessageChunk({ content: "", tool_calls: [{ id: callId, name: "refund", args: { orderId: "1042", amount: 39.9 }, type: "tool_call" }] })],
  });
}

async function runWith(callId: string, outcome: Parameters<typeof countersign.reviewerWill>[0], corrected?: unknown) {
  const refunds: unknown[] = [];
  const [result] = await Promise.all([refundAgent(scriptedModel(callId), countersign, refunds, callId), countersign.reviewerWill(outcome, corrected)]);
  const toolMessages = (result as { messages: { getType(): string; content: unknown }[] }).messages.filter((m) => m.getType() === "tool");
  return { refunds, toolMessages: JSON.stringify(toolMessages.map((m) => m.content)) };
}

describe("LangGraph JS: interrupts resumed with Countersign's decision", () => {
  it("approved: the tool runs with the arguments the model proposed", async () => {
    const { refunds, toolMessages } = await runWith("lg-approved", "approved");
    expect(refunds).toEqual([{ orderId: "1042", amount: 39.9 }]);
    expect(toolMessages).toContain("refunded 39.9");
  });

  it("modified: the tool runs with the reviewer's arguments", async () => {
    const { refunds } = await runWith("lg-modified", "modified", { tool: "refund", arguments: { orderId: "1042", amount: 20 } });
    expect(refunds).toEqual([{ orderId: "1042", amount: 20 }]);
  });

  it("rejected: the tool does not run and the model is told the reviewer's rationale", async () => {
    const { refunds, toolMessages } = await runWith("lg-rejected", "rejected");
    expect(refunds).toEqual([]);
    expect(toolMessages).toContain("A human reviewer rejected this tool call");
  });

  it("escalated further: the tool does not run and the model is told not to act", async () => {
    const { refunds, toolMessages } = await runWith("lg-escalated", "escalated");
    expect(refunds).toEqual([]);
    expect(toolMessages).toContain("do not act");
  });
});
