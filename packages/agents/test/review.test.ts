import type { EscalationResource } from "@countersign/shared/escalation";
import { describe, expect, it } from "vitest";
import { verdictOf } from "../src/review";

const base = { id: "esc_1", status: "decided" } as EscalationResource;
const decided = (outcome: string, finalOutput: unknown = null) =>
  ({ ...base, decision: { outcome, finalOutput, rationale: "Amount exceeds the order value.", decidedBy: "Rita", decidedAt: "2026-12-01T10:00:00Z" } }) as EscalationResource;

describe("a decision in the agent frameworks' approval vocabulary", () => {
  it("maps approved, modified, rejected and escalated to approve, edit, reject and wait", () => {
    expect(verdictOf(decided("approved"))).toEqual({ type: "approve" });
    expect(verdictOf(decided("modified", { tool: "refund", arguments: { amount: 20 } }))).toEqual({ type: "edit", args: { amount: 20 } });
    expect(verdictOf(decided("modified", '{"amount":20}'))).toEqual({ type: "edit", args: { amount: 20 } });
    expect(verdictOf(decided("rejected"))).toEqual({ type: "reject", message: expect.stringContaining("Amount exceeds the order value.") });
    expect(verdictOf(decided("escalated")).type).toBe("wait");
  });

  it("never runs a tool without a decision: undecided, expired or an unusable correction", () => {
    expect(verdictOf({ ...base, status: "queued" } as EscalationResource)).toEqual({ type: "wait", message: expect.stringContaining("do not act") });
    expect(verdictOf({ ...base, status: "expired" } as unknown as EscalationResource).type).toBe("wait");
    expect(verdictOf(decided("modified", "not json")).type).toBe("reject");
    expect(verdictOf(decided("modified", { tool: "refund", arguments: [1] })).type).toBe("reject");
  });
});
