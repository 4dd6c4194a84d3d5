import { describe, expect, it } from "vitest";
import type { ReviewPolicy } from "@countersign/shared/policy";
import type { DecideInput } from "@countersign/shared/review";
import { statement } from "../../lib/prepared";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { attend } from "../../testing/operations";
import { receiveEscalation } from "../escalations/receive";

const checklist = { "matches-request": "yes", "within-policy": "yes" } as const;

async function claimedItem(policy: Partial<ReviewPolicy>, body = escalationBody()) {
  const t = testDeps();
  const { system } = await addSystem(t.deps, "refund-triage", policy);
  const { id } = await receiveEscalation(t.deps, system.id, body);
  const reviewer = callerFor(t.deps, await addUser(t.deps, "rev@example.com", ["reviewer"]));
  await reviewer.queue.claim({ escalationId: id });
  const decide = (input: Partial<DecideInput>) =>
    reviewer.reviews.decide({
      escalationId: id,
      outcome: "approved",
      checklist,
      rationale: "The photo shows the crack and the amount equals the order line.",
      ...input,
    });
  const heartbeats = (seconds: number) => attend(t, reviewer, id, seconds);
  return { t, id, reviewer, decide, heartbeats };
}

describe("judgement first", () => {
  it("withholds the AI output and confidence until the reviewer's own verdict is recorded", async () => {
    const { t, id, reviewer, decide, heartbeats } = await claimedItem({ judgementFirst: true });
    const before = await reviewer.reviews.view({ escalationId: id });
    expect(before.aiOutput).toBeNull();
    expect(before.confidence).toBeNull();
    const everything = JSON.stringify([before, await reviewer.queue.list({}), await reviewer.queue.claimNext({})]);
    expect(everything).not.toContain("39.9");
    expect(everything).not.toContain("0.62");

    await heartbeats(30);
    await expect(decide({})).rejects.toThrow(/record your own verdict first/);
    await reviewer.reviews.recordJudgement({ escalationId: id, verdict: "reject", reason: "The photo shows a different kettle model." });
    await expect(
      reviewer.reviews.recordJudgement({ escalationId: id, verdict: "approve", reason: "Changed my mind after all." }),
    ).rejects.toThrow(/already recorded/);
    const after = await reviewer.reviews.view({ escalationId: id });
    expect(after.aiOutput).toEqual({ decision: "refund", amount: 39.9, currency: "EUR" });
    expect(after.confidence).toBe(0.62);

    await decide({});
    const stored = await statement(t.deps.db, "SELECT judgement_verdict, CASE WHEN switched_to_ai THEN 1 WHEN NOT switched_to_ai THEN 0 END AS switched_to_ai FROM verifications").get();
    expect(stored).toEqual({ judgement_verdict: "reject", switched_to_ai: 1 });
  });
});

describe("evidence required", () => {
  it("refuses approval until evidence is opened and cited", async () => {
    const { id, reviewer, decide, heartbeats } = await claimedItem({ evidenceRequired: true });
    await heartbeats(30);
    await expect(decide({})).rejects.toThrow(/open at least one evidence item/);
    await reviewer.reviews.openEvidence({ escalationId: id, evidenceIndex: 0 });
    await expect(decide({})).rejects.toThrow(/name the evidence that supports/);
    await expect(decide({ supportingEvidence: [3] })).rejects.toThrow(/only cite evidence you have opened/);
    await expect(decide({ supportingEvidence: [0] })).resolves.toMatchObject({ outcome: "approved" });
  });
});

describe("no copy-paste analysis", () => {
  it("refuses a rationale near-identical to the reviewer's own recent one", async () => {
    const { t, reviewer, decide, heartbeats } = await claimedItem({});
    await heartbeats(30);
    await decide({});
    const system = (await statement(t.deps.db, "SELECT id FROM ai_systems").get<{ id: string }>())!;
    const next = (await receiveEscalation(t.deps, system.id, escalationBody())).id;
    await reviewer.queue.claim({ escalationId: next });
    await attend(t, reviewer, next, 30);
    const error = reviewer.reviews.decide({
      escalationId: next,
      outcome: "approved",
      checklist,
      rationale: "The photo shows the crack and the amount equals the order line!",
    });
    await expect(error).rejects.toThrow(/near-identical to one of your recent rationales/);
  });

  it("after the server's clock steps back, a decision is still compared with the one just recorded", async () => {
    const { t, reviewer, decide, heartbeats } = await claimedItem({});
    t.advance(600);
    await heartbeats(30);
    await decide({});
    t.advance(-120);
    const system = (await statement(t.deps.db, "SELECT id FROM ai_systems").get<{ id: string }>())!;
    const decideNew = async (rationale: string) => {
      const id = (await receiveEscalation(t.deps, system.id, escalationBody())).id;
      await reviewer.queue.claim({ escalationId: id });
      await attend(t, reviewer, id, 30);
      return reviewer.reviews.decide({ escalationId: id, outcome: "approved", checklist, rationale });
    };
    await decideNew("Customer sent two photos of the base; serial number matches our shipment record.");
    await expect(decideNew("Customer sent two photos of the base; serial number matches our shipment record!")).rejects.toThrow(
      /near-identical to one of your recent rationales/,
    );
  });

  it("decisions recorded in the same millisecond are compared with each other", async () => {
    const { t, reviewer, decide } = await claimedItem({ minDwellSeconds: 0 });
    await decide({});
    const system = (await statement(t.deps.db, "SELECT id FROM ai_systems").get<{ id: string }>())!;
    const decideNew = async (rationale: string) => {
      const id = (await receiveEscalation(t.deps, system.id, escalationBody())).id;
      await reviewer.queue.claim({ escalationId: id });
      return reviewer.reviews.decide({ escalationId: id, outcome: "approved", checklist, rationale });
    };
    for (const n of [1, 2, 3]) await decideNew(`Order ${n}: customer sent ${n + 1} photos of the base; serial number ${n}${n}${n} matches the shipment.`);
    await expect(decideNew("Order 3: customer sent 4 photos of the base; serial number 333 matches the shipment!")).rejects.toThrow(
      /near-identical to one of your recent rationales/,
    );
  });

  it("refuses a rationale that only restates the AI output", async () => {
    const output = "Refund approved: the kettle arrived broken and the customer is within the 30-day window.";
    const { decide, heartbeats } = await claimedItem({}, escalationBody({ aiOutput: output }));
    await heartbeats(30);
    await expect(decide({ rationale: output })).rejects.toThrow(/near-identical to the AI output/);
  });
});

describe("dwell that scales", () => {
  it("asks more time for longer and more urgent items", async () => {
    const policy = { minDwellSeconds: 10, dwellSecondsPer1000Chars: 10 };
    const short = await claimedItem(policy, escalationBody({ priority: "normal" }));
    const long = await claimedItem(policy, escalationBody({ priority: "urgent", contextSummary: "x".repeat(3000) }));
    const shortDwell = (await short.reviewer.reviews.view({ escalationId: short.id })).situation.requiredDwellSeconds;
    const longDwell = (await long.reviewer.reviews.view({ escalationId: long.id })).situation.requiredDwellSeconds;
    expect(shortDwell).toBeGreaterThan(10);
    expect(longDwell).toBeGreaterThan(shortDwell * 2);
    await long.heartbeats(shortDwell + 1);
    await expect(long.decide({})).rejects.toThrow(new RegExp(`at least ${longDwell} s`));
    await long.heartbeats(longDwell);
    await expect(long.decide({})).resolves.toBeTruthy();
  });
});

describe("attention checks", () => {
  it("asks a question about the AI output before an approval counts, and records a wrong answer", async () => {
    const { t, id, reviewer, decide, heartbeats } = await claimedItem({ attentionCheckRate: 1 });
    const view = await reviewer.reviews.view({ escalationId: id });
    expect(view.attentionCheck?.options).toHaveLength(4);
    expect(JSON.stringify(view)).not.toContain("correctIndex");
    await heartbeats(30);
    await expect(decide({})).rejects.toThrow(/answer the attention check/);
    const output = JSON.stringify(view.aiOutput).toLowerCase();
    const wrong = view.attentionCheck!.options.findIndex((option) => !output.includes(option.toLowerCase()));
    await decide({ attentionAnswer: wrong });
    const stored = await statement(t.deps.db, "SELECT CASE WHEN attention_correct THEN 1 WHEN NOT attention_correct THEN 0 END AS attention_correct FROM verifications").get();
    expect(stored).toEqual({ attention_correct: 0 });
  });
});
