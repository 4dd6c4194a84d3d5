import { Usage, type Model, type ModelRequest, type ModelResponse } from "@openai/agents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refundAgent } from "../examples/openai-agents";
import { countersignForExamples } from "./server";

let countersign: Awaited<ReturnType<typeof countersignForExamples>>;
beforeAll(async () => {
  countersign = await countersignForExamples();
});
afterAll(() => countersign.close());

/** A scripted model (the SDK's Model interface, no network): a refund call, then a closing sentence. */
class ScriptedModel implements Model {
  requests: ModelRequest[] = [];
  constructor(private readonly callId: string) {}
  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    this.requests.push(request);
    const first = this.requests.length === 1;
    return {
      usage: new Usage(),
      responseId: `resp_${this.requests.length}`,
      output: first
        ? [{ type: "function_call", callId: this.callId, name: "refund", status: "completed", arguments: JSON.stringify({ orderId: "1042", amount: 39.9 }) }]
        : [{ type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text: "Done." }] }],
    };
  }
  getStreamedResponse(): AsyncIterable<never> {
    throw new Error("not scripted");
  }
}

async function runWith(callId: string, outcome: Parameters<typeof countersign.reviewerWill>[0], corrected?: unknown) {
  const refunds: unknown[] = [];
  const model = new ScriptedModel(callId);
  const [result] = await Promise.all([refundAgent(model, countersign, refunds), countersign.reviewerWill(outcome, corrected)]);
  return { refunds, result, model };
}

describe("OpenAI Agents SDK: Countersign resolves the interruptions", () => {
  it("approved: the tool runs with the arguments the model proposed", async () => {
    const { refunds, result } = await runWith("oa-approved", "approved");
    expect(refunds).toEqual([{ orderId: "1042", amount: 39.9 }]);
    expect(result.finalOutput).toBe("Done.");
  });

  it("modified: the tool runs with the reviewer's arguments", async () => {
    const { refunds } = await runWith("oa-modified", "modified", { tool: "refund", arguments: { orderId: "1042", amount: 20 } });
    expect(refunds).toEqual([{ orderId: "1042", amount: 20 }]);
  });

  it("rejected: the tool does not run and the model is told the reviewer's rationale", async () => {
    const { refunds, model } = await runWith("oa-rejected", "rejected");
    expect(refunds).toEqual([]);
    expect(JSON.stringify(model.requests.at(-1)?.input)).toContain("A human reviewer rejected this tool call");
  });

  it("escalated further: the tool does not run and the model is told not to act", async () => {
    const { refunds, model } = await runWith("oa-escalated", "escalated");
    expect(refunds).toEqual([]);
    expect(JSON.stringify(model.requests.at(-1)?.input)).toContain("do not act");
  });
});
