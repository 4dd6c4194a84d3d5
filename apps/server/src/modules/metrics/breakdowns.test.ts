import { beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { operator } from "../../lib/context";
import { addSystem, addUser, callerFor, testDeps } from "../../testing/fixtures";
import { decideAs, machineClient, referenceCase } from "../../testing/operations";
import { reviewPolicySchema } from "@countersign/shared/policy";
import { systemById } from "../systems/queries";
import { setBusinessCase } from "../systems/set-business-case";
import { setReviewPolicy } from "../systems/update-system";
import type { UserSummary } from "../users/queries";

let t: Awaited<ReturnType<typeof testDeps>>;
let gateway: Awaited<ReturnType<typeof machineClient>>;
let systemId: string;
let lead: UserSummary;
let reviewer: UserSummary;

beforeEach(async () => {
  t = testDeps();
  const { key, system } = await addSystem(t.deps);
  systemId = system.id;
  gateway = machineClient(buildApp(t.deps), key);
  lead = await addUser(t.deps, "lena@example.com", ["lead"]);
  reviewer = await addUser(t.deps, "rea@example.com", ["reviewer"]);
});

async function escalate(reason: string, model: string) {
  const res = await gateway.escalate({ escalationReason: { code: reason, explanation: `Escalated because ${reason}.` }, model });
  return (await res.json()).id as string;
}

describe("breakdowns by escalation reason and model version", () => {
  it("count escalations and how reviewers decided: approve versus override (modify or reject)", async () => {
    const low = [await escalate("low_confidence", "m-1"), await escalate("low_confidence", "m-1"), await escalate("low_confidence", "m-2")];
    const limit = [await escalate("amount_over_limit", "m-2"), await escalate("amount_over_limit", "m-2")];
    await decideAs(t, reviewer, low[0]!, "approved");
    await decideAs(t, reviewer, low[1]!, "approved");
    await decideAs(t, reviewer, low[2]!, "modified");
    await decideAs(t, reviewer, limit[0]!, "rejected");
    await decideAs(t, reviewer, limit[1]!, "escalated");

    const { byReason, byModel } = await callerFor(t.deps, lead).metrics.breakdowns({ systemId });
    expect(byReason).toEqual([
      expect.objectContaining({ key: "low_confidence", escalations: 3, share: 0.6, decisions: 3, approved: 2, overridden: 1, escalatedFurther: 0 }),
      expect.objectContaining({ key: "amount_over_limit", escalations: 2, share: 0.4, decisions: 2, approved: 0, overridden: 1, escalatedFurther: 1 }),
    ]);
    expect(byReason[0]!.overrideRate).toBeCloseTo(1 / 3, 10);
    expect(byReason[1]!.overrideRate).toBe(1);
    expect(byModel.map((m) => [m.key, m.escalations, m.approved, m.overridden])).toEqual([
      ["m-2", 3, 0, 2],
      ["m-1", 2, 2, 0],
    ]);
    // Without a business case there is no price for a review.
    expect(byReason[0]!.reviewCost).toBeNull();
  });

  it("asks whether a trigger is worth its cost when reviewers nearly always approve it", async () => {
    await setBusinessCase(t.deps, operator, { systemId, businessCase: referenceCase });
    for (let i = 0; i < 20; i++) await decideAs(t, reviewer, await escalate("keyword_refund", "m-1"), "approved");
    const [trigger] = (await callerFor(t.deps, lead).metrics.breakdowns({ systemId })).byReason;
    expect(trigger).toMatchObject({ key: "keyword_refund", approved: 20, overrideRate: 0, reviewCost: 120 });
    expect(trigger!.finding).toBe(
      'Reviewers approved 100% of the 20 "keyword_refund" escalations they decided, at a review cost of €120.00: this trigger rarely catches a wrong output. Is it worth its cost?',
    );
  });
});

describe("review cost from measured active time", () => {
  it("prices a review at the hourly rate × the median active seconds", async () => {
    await setBusinessCase(t.deps, operator, { systemId, businessCase: { ...referenceCase, reviewCost: { kind: "per_hour", hourlyRate: 48 } } });
    const before = await callerFor(t.deps, lead).metrics.cost({ systemId });
    expect(before!.reviewCost).toMatchObject({ basis: "per_hour", hourlyRate: 48, perItem: null, medianActiveSeconds: null, decisions: 0 });
    expect(before!.costAtMeasuredRate).toBeNull();

    for (const seconds of [20, 90, 30]) await decideAs(t, reviewer, await escalate("low_confidence", "m-1"), "approved", seconds);
    const cost = await callerFor(t.deps, lead).metrics.cost({ systemId });
    expect(cost!.reviewCost).toMatchObject({ medianActiveSeconds: 30, decisions: 3 });
    expect(cost!.reviewCost.perItem).toBeCloseTo(0.4, 10);
    expect(cost!.costAtAssumedRate).toBeCloseTo(0.5 + 0.1 * 0.4, 10);
    // (6.00 − 0.50) / 0.40 = 13.75: above 1, no verification rate makes it cost more than by hand.
    expect(cost!.breakEvenRate).toBeCloseTo(13.75, 10);
  });

  it("pays for every verification when the two-person rule asks for two", async () => {
    await setBusinessCase(t.deps, operator, { systemId, businessCase: referenceCase });
    const { policy } = await systemById(t.deps.db, systemId);
    await setReviewPolicy(t.deps, operator, systemId, reviewPolicySchema.parse({ ...policy, requiredVerifications: 2 }));
    const cost = await callerFor(t.deps, lead).metrics.cost({ systemId });
    expect(cost!.reviewCost).toMatchObject({ verificationsPerEscalation: 2, perItem: 12 });
    expect(cost!.costAtAssumedRate).toBeCloseTo(0.5 + 0.1 * 12, 10);
  });
});
