import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Outcome } from "@countersign/shared/enums";
import type { IndicatorWindow } from "@countersign/shared/indicators";
import { sql } from "drizzle-orm";
import { operator } from "../../lib/context";
import { write } from "../../lib/tx";
import { addSystem, addUser, callerFor, escalationBody, qualify, testDeps } from "../../testing/fixtures";
import { attend } from "../../testing/operations";
import { receiveEscalation } from "../escalations/receive";
import { addGoldItems } from "../gold/add-gold";
import { defaultThresholds } from "@countersign/shared/indicators";
import { leadDashboard } from "../indicators/dashboard";
import { effectiveRates } from "../indicators/effective-rate";
import { breakdowns } from "../metrics/breakdowns";
import { medianActiveSeconds } from "../metrics/review-time";
import { purgeExpired } from "../retention/purge";
import type { UserSummary } from "../users/queries";
import { backfillTallies, backfillTalliesSql } from "./backfill";
import { DayTally } from "./day-tally";
import { allTallyColumns, tallyRowOf, untallyVerification } from "./record";
import { escalationTalliesSql } from "./escalation-triggers";
import { pgEscalationTalliesSql } from "../../db/pg/tallies-sql";
import { engineOf } from "../../db/transaction";
import { rawStatement, statement } from "../../lib/prepared";
import { dashboardFromRows, queueHealthFromRows, systemPageFromRows } from "./reference";
import { inOrder } from "../../lib/in-order";

/** A small seeded generator, so the history is the same on every run. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

let t: Awaited<ReturnType<typeof testDeps>>;
let systemIds: string[] = [];
const start = Date.parse("2026-11-20T19:00:00Z");

/** The dashboard's figures as tallied, in the reference's shape. */
async function tallied(window: IndicatorWindow) {
  const dashboard = await leadDashboard(t.deps, window);
  return {
    team: dashboard.team,
    reviewers: Object.fromEntries(dashboard.reviewers.map((r) => [r.id, r.figures])),
    trend: dashboard.trend,
    gold: dashboard.effectiveRates.map((r) => ({ system: r.system, goldDecisions: r.goldDecisions, goldCaught: Math.round((r.goldCatchRate ?? 0) * r.goldDecisions) })),
    thresholds: dashboard.thresholds,
  };
}

const at = (iso: string) => new Date(iso).toISOString();
/** Windows across UTC midnight, starting at midnight in Berlin and New York, within one day, and all of it. */
const windows = async (): Promise<IndicatorWindow[]> => [
  { from: at("2026-11-21T00:00:00+01:00"), to: new Date(t.deps.now() + 1).toISOString() },
  { from: at("2026-11-21T00:00:00-05:00"), to: at("2026-11-23T00:00:00-05:00") },
  { from: at("2026-11-21T00:00:00Z"), to: at("2026-11-23T00:00:00Z") },
  { from: at("2026-11-21T09:30:00Z"), to: at("2026-11-21T17:45:00Z") },
  { from: at("2026-11-20T23:59:00Z"), to: at("2026-11-21T00:01:00Z") },
  { from: at("2026-11-01T00:00:00Z"), to: at("2026-12-01T00:00:00Z") },
  // Starting and ending exactly at a decision, and a millisecond after one: [from, to) takes the first and not the last (once purged, there are none).
  ...((await decidedAt(65)) === undefined
    ? []
    : [
        { from: iso((await decidedAt(15))!), to: iso((await decidedAt(50))!) },
        { from: iso((await decidedAt(30))! + 1), to: iso((await decidedAt(65))! + 1) },
        { from: iso((await decidedAt(45))!), to: iso((await decidedAt(45))! + 1) },
      ]),
];
const iso = (ms: number) => new Date(ms).toISOString();
/** When the n-th verification (in decision order) was decided. */
const decidedAt = (n: number) => statement(t.deps.db, "SELECT decided_at FROM verifications ORDER BY decided_at LIMIT 1 OFFSET ?").value<number>(n);
const variants = (window: IndicatorWindow): IndicatorWindow[] => [
  window,
  { ...window, system: "refund-triage" },
  { ...window, system: "kyc-check" },
  { ...window, thresholds: { duplicateSimilarity: 0.35, minDecisions: 3 } },
];

/** A system page's figures as tallied, in the reference's shape. */
async function systemPageTallied(systemId: string, window: { from: number; to: number }) {
  const { byReason, byModel } = await breakdowns(t.deps.db, systemId, window, { perReview: null, currency: null });
  const pick = (rows: typeof byReason) => rows.map(({ key, escalations, decisions, approved, overridden, escalatedFurther }) => ({ key, escalations, decisions, approved, overridden, escalatedFurther }));
  const [rates] = await effectiveRates(t.deps.db, { ...window, systemId, thresholds: defaultThresholds });
  return { byReason: pick(byReason), byModel: pick(byModel), activeTime: await medianActiveSeconds(t.deps.db, systemId, window), counts: { received: rates!.received, reviewed: rates!.reviewed } };
}

async function expectSystemPagesAgree() {
  for (const window of await windows()) {
    const range = { from: Date.parse(window.from), to: Date.parse(window.to) };
    for (const systemId of systemIds) expect(await systemPageTallied(systemId, range), JSON.stringify(window)).toEqual(await systemPageFromRows(t.deps, systemId, range));
  }
}

async function storedTallies() {
  return ((await rawStatement(t.deps.db, `SELECT ${allTallyColumns} FROM verification_tallies ORDER BY day, system_id, reviewer_id`).all()) as unknown[][]).map((row) =>
    DayTally.fromRow(tallyRowOf(row)),
  );
}

/*
 * A history made through the use cases: three reviewers over three days and two AI systems —
 * refund triage under judgement first with gold copies, KYC under the two-person rule with
 * disputes a lead resolves — every outcome, evidence opened or not, a clock that steps back.
 */
beforeAll(async () => {
  t = testDeps(start);
  const random = seeded(7);
  t.deps.random = random;
  const reviewers = (await inOrder(["ana", "ben", "cy"], (name) => addUser(t.deps, `${name}@example.com`, ["reviewer"])));
  const lead = await addUser(t.deps, "lena@example.com", ["lead"]);
  const refund = (await addSystem(t.deps, "refund-triage", { judgementFirst: true, goldRate: 0.2, retentionMonths: 6 })).system;
  const kyc = (await addSystem(t.deps, "kyc-check", { requiredVerifications: 2 })).system;
  systemIds = [refund.id, kyc.id];
  await qualify(t.deps, lead.id, kyc.id, { authority: ["override"] });
  await qualify(t.deps, lead.id, refund.id, { authority: ["override"] });
  await addGoldItems(
    t.deps,
    operator,
    refund.id,
    Array.from({ length: 6 }, (_, i) => ({ escalation: escalationBody({ externalId: `gold-${i}`, aiOutput: { decision: "refund", amount: 900 + i } }), expectedOutcome: "rejected" as Outcome })),
  );
  const outcomes: Outcome[] = ["approved", "approved", "approved", "modified", "rejected", "escalated"];
  let n = 0;
  const reopened: string[] = [];
  const decide = async (reviewer: UserSummary, escalationId: string, system: "refund" | "kyc", claimed = false) => {
    const caller = callerFor(t.deps, reviewer);
    if (!claimed) await caller.queue.claim({ escalationId });
    if (system === "refund") {
      await caller.reviews.recordJudgement({ escalationId, verdict: random() < 0.7 ? "approve" : "reject", reason: "Read the input and the evidence first." });
    }
    const view = await caller.reviews.view({ escalationId });
    if (random() < 0.6) for (const evidence of view.evidence) await caller.reviews.openEvidence({ escalationId, evidenceIndex: evidence.index });
    await attend(t, caller, escalationId, 20 + Math.floor(random() * 60));
    const outcome = outcomes[Math.floor(random() * outcomes.length)]!;
    n += 1;
    return caller.reviews.decide({
      escalationId,
      outcome,
      checklist: { "matches-request": "yes", "within-policy": outcome === "approved" ? "yes" : "no" },
      // Every fourth rationale repeats the reviewer's earlier ones nearly word for word, more or less nearly.
      rationale:
        n % 4 === 0
          ? `${reviewer.name} checked the order against the photo and the invoice and found it consistent, item ${n}${" " + Array.from({ length: [0, 2, 5][n % 3]! }, () => random().toString(36).slice(2, 6)).join(" ")}.`
          : `${reviewer.name}, case ${n}: ${random().toString(36).slice(2)} compared with ${random().toString(36).slice(2)} and ${random().toString(36).slice(2)}.`,
      ...(outcome === "modified" ? { correctedOutput: `{"decision":"refund","amount":${n}}` } : {}),
    });
  };
  for (let round = 0; round < 3 * 16; round++) {
    const body = escalationBody({
      externalId: `order-${round}`,
      confidence: [0.3, 0.55, 0.75, 0.9][round % 4]!,
      model: round < 24 ? "refund-llm-2026-10" : "refund-llm-2026-11",
      escalationReason: { code: ["low_confidence", "policy_flag", "novel_input"][round % 3]!, explanation: "Below the auto-approve threshold." },
      evidence: round % 3 === 0 ? [] : [{ title: "Photo", content: `Photo ${round}` }],
    });
    await receiveEscalation(t.deps, refund.id, body);
    for (const reviewer of reviewers) {
      const next = await callerFor(t.deps, reviewer).queue.claimNext({ system: "refund-triage" });
      if (!next) continue;
      const settled = await decide(reviewer, next.escalationId, "refund", true);
      // Now and then a lead reverses a decision: its verification stays, superseded, and the next reviewer takes round 2.
      const gold = await statement(t.deps.db, "SELECT gold_item_id FROM escalations WHERE id = ?").value(next.escalationId);
      if (round % 7 === 3 && settled.status === "decided" && reviewer === reviewers[0] && gold === null) {
        await callerFor(t.deps, lead).reviews.reopen({ escalationId: next.escalationId, reason: "The photo shows a different item than the order lists." });
        reopened.push(next.escalationId);
      }
    }
    if (round % 4 === 0) {
      const { id } = await receiveEscalation(t.deps, kyc.id, escalationBody({ externalId: `kyc-${round}` }));
      const [first, second] = [reviewers[round % 3]!, reviewers[(round + 1) % 3]!];
      await decide(first, id, "kyc");
      const settled = await decide(second, id, "kyc");
      if (settled.status === "disputed") {
        const [dispute] = await callerFor(t.deps, lead).reviews.disputes();
        await callerFor(t.deps, lead).reviews.resolve({ escalationId: id, verificationId: dispute!.verifications[0]!.id, rationale: "Adopting the first verification of the two." });
      }
    }
    // Sixteen rounds a day, most of them in the working day, some across midnight UTC; once the clock steps back.
    t.advance(round === 20 ? -1800 : round % 16 === 15 ? 9 * 3600 : 3600);
  }
  // What waits at the end: every priority, due times passed and not, one item in review, one dispute for the lead.
  const now = t.deps.now();
  for (const [i, priority] of (["urgent", "high", "normal", "low"] as const).entries()) {
    await receiveEscalation(t.deps, refund.id, escalationBody({ externalId: `open-${i}`, priority, dueAt: new Date(now + (i % 2 ? 3_600_000 : 60_000)).toISOString() }));
  }
  t.advance(120);
  const { id: held } = await receiveEscalation(t.deps, kyc.id, escalationBody({ externalId: "kyc-held", priority: "high" }));
  await callerFor(t.deps, reviewers[0]!).queue.claim({ escalationId: held });
  const { id: disputed } = await receiveEscalation(t.deps, kyc.id, escalationBody({ externalId: "kyc-disputed" }));
  for (const reviewer of [reviewers[1]!, reviewers[2]!]) {
    const caller = callerFor(t.deps, reviewer);
    await caller.queue.claim({ escalationId: disputed });
    await attend(t, caller, disputed, 30);
    await caller.reviews.decide({
      escalationId: disputed,
      outcome: reviewer === reviewers[1] ? "approved" : "rejected",
      checklist: { "matches-request": "yes", "within-policy": "no" },
      rationale: `${reviewer.name} read the identity documents and the register entry for this applicant.`,
    });
  }
}, 300_000);

describe("tallies hold the dashboard's figures", () => {
  it("the dashboard read from tallies shows the same figures as the full computation, for every window, system and threshold", async () => {
    expect((await storedTallies()).length).toBeGreaterThan(20);
    for (const window of await windows()) {
      for (const variant of variants(window)) expect(await tallied(variant), JSON.stringify(variant)).toEqual(await dashboardFromRows(t.deps, variant));
    }
    // The history is varied enough to mean something.
    const all = await dashboardFromRows(t.deps, (await windows())[5]!);
    expect(all.team.goldDecisions).toBeGreaterThan(0);
    expect(all.team.judgementVerdicts).toBeGreaterThan(0);
    expect(all.team.duplicateRationaleRate).toBeGreaterThan(0);
    expect(all.team.dayDriftRatio).not.toBeNull();
    expect(all.team.approvalByConfidence.filter((band) => band.decisions > 0)).toHaveLength(4);
    expect(all.trend.length).toBeGreaterThanOrEqual(3);
    // Reversals: superseded verifications stay counted as the reviewer's acts, round 2's beside them.
    const rounds = await statement(t.deps.db, "SELECT count(*) FILTER (WHERE superseded_at IS NOT NULL) AS superseded, count(*) FILTER (WHERE round = 2) AS second FROM verifications").get();
    expect(rounds).toMatchObject({ superseded: expect.any(Number), second: expect.any(Number) });
    expect((rounds as { superseded: number }).superseded).toBeGreaterThan(1);
    expect((rounds as { second: number }).second).toBeGreaterThan(1);
  });

  it("a window cut within a day counts exactly that part of each reviewer's day: its streaks, halves, similarities and gold", async () => {
    // Every instant of the first two days at which some verification was decided, as a window's start and as its end.
    const instants = await statement(t.deps.db, "SELECT DISTINCT decided_at FROM verifications WHERE decided_at < ? ORDER BY decided_at").column<number>(start + 2 * 86_400_000);
    expect(instants.length).toBeGreaterThan(40);
    // A duplicate threshold amid the similarities a day keeps, so which of them fall inside the window matters.
    const similarities = await statement(t.deps.db, "SELECT DISTINCT rationale_similarity FROM verifications WHERE rationale_similarity >= 0.3 ORDER BY 1").column<number>();
    expect(similarities.length).toBeGreaterThan(2);
    const duplicateSimilarity = similarities[Math.floor(similarities.length / 2)]!;
    const end = new Date(t.deps.now() + 1).toISOString();
    for (const instant of instants.filter((_, i) => i % 3 === 0)) {
      for (const window of [{ from: iso(instant), to: end }, { from: iso(start - 86_400_000), to: iso(instant) }]) {
        const variant = { ...window, thresholds: { duplicateSimilarity, minDecisions: 1 } };
        expect(await tallied(variant), JSON.stringify(variant)).toEqual(await dashboardFromRows(t.deps, variant));
      }
    }
  });

  it("queue health, read through the claim's indexes, counts what the queue holds", async () => {
    for (const system of [null, ...systemIds]) {
      const slug = system === null ? undefined : system === systemIds[0] ? "refund-triage" : "kyc-check";
      const { backlog, open } = (await leadDashboard(t.deps, { ...(await windows())[0]!, ...(slug ? { system: slug } : {}) })).queueHealth;
      expect({ backlog, open }).toEqual(await queueHealthFromRows(t.deps, system));
    }
    const all = await queueHealthFromRows(t.deps, null);
    expect(all.open.awaitingLead).toBe(1);
    expect(all.backlog.some((row) => (row as { pastDue: number }).pastDue > 0)).toBe(true);
    expect(all.backlog.some((row) => (row as { inReview: number }).inReview > 0)).toBe(true);
  });

  it("a system's pages read from tallies show the same figures as the full computation", async () => {
    await expectSystemPagesAgree();
    const all = await systemPageFromRows(t.deps, systemIds[0]!, { from: 0, to: t.deps.now() + 1 });
    expect(all.byReason).toHaveLength(3);
    expect(all.byModel).toHaveLength(2);
    expect(all.activeTime.median).not.toBeNull();
  });

  it("the migration's backfill counts the same tallies as the decisions kept", async () => {
    const kept = await storedTallies();
    await backfillTallies(t.deps.db);
    expect(await storedTallies()).toEqual(kept);
    const folder = join(import.meta.dirname, "../../../drizzle");
    const migration = readdirSync(folder).find((file) => file.endsWith("_retally_verification_tallies.sql"))!;
    expect(readFileSync(join(folder, migration), "utf8")).toContain(backfillTalliesSql);
    // The escalation tallies' triggers and their backfill: counted afresh, they are what the triggers kept.
    const escalationTallies = () => statement(t.deps.db, "SELECT * FROM escalation_tallies ORDER BY system_id, day, reason_code, model").all<{ active_seconds: string }>();
    const triggered = await escalationTallies();
    await write(t.deps.db, async (tx) => {
      await statement(tx, "DELETE FROM escalation_tallies").run();
      await statement(tx, engineOf(tx) === "postgres" ? pgEscalationTalliesSql.backfill : escalationTalliesSql.at(-1)!).run();
    });
    const counted = await escalationTallies();
    const withoutZeros = (rows: { active_seconds: string }[]) =>
      rows.map((row) => ({ ...row, active_seconds: Object.fromEntries(Object.entries(JSON.parse(row.active_seconds) as Record<string, number>).filter(([, n]) => n !== 0).sort()) }));
    expect(withoutZeros(counted)).toEqual(withoutZeros(triggered));
    const triggers = readdirSync(folder).find((file) => file.endsWith("_escalation_tallies_triggers.sql"))!;
    expect(readFileSync(join(folder, triggers), "utf8")).toContain(escalationTalliesSql.join("\n--> statement-breakpoint\n"));
  });

  it("a verification taken out (as reopening a decision will) leaves the tallies as if it had never been recorded", async () => {
    // The middle one of a reviewer's day, so the day's order, streaks and halves change around it.
    const [verificationId] = await statement(
      t.deps.db,
      `SELECT v.id FROM verifications v WHERE v.system_id = ? AND NOT EXISTS (SELECT 1 FROM resolutions r WHERE r.verification_id = v.id)
        ORDER BY v.decided_at, v.id LIMIT 1 OFFSET 20`,
    ).column<string>(systemIds[0]);
    await write(t.deps.db, async (tx) => {
      await untallyVerification(tx, verificationId!);
      await tx.run(sql`DELETE FROM verifications WHERE id = ${verificationId!}`);
    });
    for (const window of await windows()) for (const variant of variants(window)) expect(await tallied(variant)).toEqual(await dashboardFromRows(t.deps, variant));
    await expectSystemPagesAgree();
  });

  it("a purge takes its verifications out of the tallies", async () => {
    const before = await dashboardFromRows(t.deps, (await windows())[5]!);
    t.advance(7 * 31 * 86_400);
    const report = await purgeExpired(t.deps, operator, { dryRun: false });
    expect(report.systems.find((s) => s.slug === "refund-triage")!.verifications).toBeGreaterThan(0);
    const after = await dashboardFromRows(t.deps, (await windows())[5]!);
    expect(after.team.decisions).toBeLessThan(before.team.decisions);
    for (const window of await windows()) for (const variant of variants(window)) expect(await tallied(variant)).toEqual(await dashboardFromRows(t.deps, variant));
    await expectSystemPagesAgree();
    const kept = await storedTallies();
    await backfillTallies(t.deps.db);
    expect(await storedTallies()).toEqual(kept);
  });
});
