import { describe, expect, it } from "vitest";
import type { EscalationInput } from "@countersign/shared/escalation";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { attend } from "../../testing/operations";
import { receiveEscalation } from "../escalations/receive";
import { addGoldItems } from "../gold/add-gold";
import { operator } from "../../lib/context";
import { statement } from "../../lib/prepared";

/** A small seeded generator, so the simulation is the same on every run. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const observations = [
  "the photo shows the damage the customer describes",
  "the order total and the refund amount agree to the cent",
  "delivery tracking confirms the parcel arrived late",
  "the account has no earlier refund in the last year",
  "the serial number in the photo matches the invoice",
  "the customer's message gives a consistent account",
  "the return window has not yet closed",
  "the payment was made by card, so a refund is possible",
  "warranty terms cover this kind of defect",
  "the courier's damage report supports the claim",
  "the product page lists this model as fragile",
  "the chat transcript shows the agent promised a refund",
];

function careRationale(random: () => number, externalId: string, verdict: string) {
  const picks = [...observations].sort(() => random() - 0.5).slice(0, 2);
  return `${verdict} for ${externalId}: ${picks[0]}; also ${picks[1]} (checked item ${Math.floor(random() * 1e6)}).`;
}

/** Seconds to the millisecond: a clock reads whole milliseconds (and PostgreSQL's bigint columns hold nothing else). */
const toTheMillisecond = (seconds: number) => Math.round(seconds * 1000) / 1000;

/** The same sentence each time, with the order number and a counter edited in: just under the refusal line. */
const stampRationale = (externalId: string, round: number) =>
  `Reviewed the request and everything looks fine, the refund can go ahead as proposed by the model, see ${externalId} batch ${round}.`;

describe("rubber-stamp indicators", () => {
  it("flag a simulated rubber-stamper within 30 decisions and never a careful reviewer on the same items", async () => {
    const random = seeded(42);
    const t = testDeps();
    t.deps.random = random;
    const { system } = await addSystem(t.deps, "refund-triage", { goldRate: 0.25 });
    const confidences = [0.3, 0.45, 0.6, 0.75, 0.9, 0.95];
    // Escalations keep arriving while the two work, as in production: gold copies arrive among them
    // at the gold rate and take their place in the queue by age, like any escalation.
    let received = 0;
    const receive = async (count: number) => {
      for (let i = 0; i < count; i++, received++) {
        t.advance(20);
        await receiveEscalation(
          t.deps,
          system.id,
          escalationBody({
            externalId: `order-${1000 + received}`,
            confidence: confidences[received % confidences.length]!,
            evidence: [{ title: "Customer photo", content: `Photo ${received}: cracked base.` }, { title: "Order", content: `Order ${1000 + received}` }],
          }),
        );
      }
    };
    await receive(6);
    const wrongOutput = (i: number): EscalationInput =>
      escalationBody({
        externalId: `order-${2000 + i}`,
        aiOutput: { decision: "refund", amount: 399 + i, currency: "EUR", note: "amount exceeds the order total" },
      });
    await addGoldItems(t.deps, operator, system.id, Array.from({ length: 8 }, (_, i) => ({ escalation: wrongOutput(i), expectedOutcome: "rejected" })));

    const stamperUser = await addUser(t.deps, "stamper@example.com", ["reviewer"]);
    const carefulUser = await addUser(t.deps, "careful@example.com", ["reviewer"]);
    const stamper = callerFor(t.deps, stamperUser);
    const careful = callerFor(t.deps, carefulUser);
    const isGold = async (id: string) => (await statement(t.deps.db, "SELECT gold_item_id FROM escalations WHERE id = ?").value(id)) !== null;
    const checklist = { "matches-request": "yes", "within-policy": "yes" } as const;

    for (let round = 0; round < 30; round++) {
      await receive(2);
      // The rubber-stamper: approves at the dwell floor, opens nothing, pastes a lightly edited rationale.
      const claim = (await stamper.queue.claimNext({}))!;
      const view = await stamper.reviews.view({ escalationId: claim.escalationId });
      await attend(t, stamper, claim.escalationId, toTheMillisecond(view.situation.requiredDwellSeconds + random()));
      await stamper.reviews.decide({
        escalationId: claim.escalationId,
        outcome: "approved",
        checklist,
        rationale: stampRationale(view.externalId, round),
      });

      // The careful reviewer: opens the evidence, takes time, writes its own analysis, catches gold.
      const next = (await careful.queue.claimNext({}))!;
      const item = await careful.reviews.view({ escalationId: next.escalationId });
      for (const evidence of item.evidence) await careful.reviews.openEvidence({ escalationId: next.escalationId, evidenceIndex: evidence.index });
      const seconds = toTheMillisecond(45 + random() * 90);
      await attend(t, careful, next.escalationId, seconds - 5);
      t.advance(5);
      const approve = !(await isGold(next.escalationId)) && random() < (item.confidence! < 0.5 ? 0.3 : 0.85);
      await careful.reviews.decide({
        escalationId: next.escalationId,
        outcome: approve ? "approved" : "rejected",
        checklist: { "matches-request": "yes", "within-policy": approve ? "yes" : "no" },
        rationale: careRationale(random, item.externalId, approve ? "Approve" : "Reject"),
      });
    }

    const lead = callerFor(t.deps, await addUser(t.deps, "lead@example.com", ["lead"]));
    const window = { from: new Date(t.deps.now() - 86_400_000).toISOString(), to: new Date(t.deps.now() + 1000).toISOString() };
    const dashboard = await lead.indicators.dashboard(window);
    const byName = Object.fromEntries(dashboard.reviewers.map((r) => [r.name, r]));
    const stamperFlags = byName.stamper!.flags.map((f) => f.kind);
    expect(byName.stamper!.figures.decisions).toBe(30);
    expect(stamperFlags).toEqual(expect.arrayContaining(["fast", "near_floor", "evidence_unopened", "duplicate_rationale", "gold_missed", "approval_streak"]));
    expect(byName.careful!.flags).toEqual([]);
    expect(byName.careful!.figures.goldCatchRate).toBe(1);

    // Each flag opens the exact decisions behind it.
    const behind = await lead.indicators.behindFlag({ ...window, reviewerId: stamperUser.id, kind: "gold_missed" });
    expect(behind.length).toBe(byName.stamper!.figures.goldDecisions);
    expect(behind.every((d) => d.goldCaught === false)).toBe(true);
    const unopened = await lead.indicators.behindFlag({ ...window, reviewerId: stamperUser.id, kind: "evidence_unopened" });
    expect(unopened).toHaveLength(30);
    expect(await lead.indicators.behindFlag({ ...window, reviewerId: carefulUser.id, kind: "evidence_unopened" })).toEqual([]);

    // Effective verification rate: the share reviewed × the gold catch rate, with its interval.
    const [effective] = dashboard.effectiveRates;
    expect(effective!.goldDecisions).toBe(byName.stamper!.figures.goldDecisions + byName.careful!.figures.goldDecisions);
    expect(effective!.effectiveRate).toBeCloseTo(effective!.reviewedShare! * effective!.goldCatchRate!, 10);
    expect(effective!.interval!.low).toBeLessThan(effective!.effectiveRate!);

    // A flag is a question for a conversation, not a verdict.
    for (const flag of byName.stamper!.flags) expect(flag.question).toMatch(/\?$/);
  });

  it("a reviewer cannot open the lead's dashboard", async () => {
    const t = testDeps();
    const reviewer = callerFor(t.deps, await addUser(t.deps, "rev@example.com", ["reviewer"]));
    const window = { from: "2026-11-01T00:00:00Z", to: "2026-11-30T00:00:00Z" };
    await expect(reviewer.indicators.dashboard(window)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
