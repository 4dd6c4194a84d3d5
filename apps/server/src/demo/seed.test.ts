import { inOrder } from "../lib/in-order";
import { mkdtempSync, readFileSync, rmSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Deps } from "../lib/context";
import { verifyAuditLog } from "../audit/verify";
import { currentInstructions } from "../modules/instructions/read";
import { driftStatus } from "../modules/metrics/alerts";
import { lastStopTest } from "../modules/readiness/facts";
import { revokeApiKey, systemForApiKey } from "../modules/systems/api-keys";
import { listKeys, systemBySlug } from "../modules/systems/queries";
import { listUsers } from "../modules/users/queries";
import { verifyPassword } from "../modules/users/password";
import { callerFor } from "../testing/fixtures";
import { openDb } from "../db/client";
import { kycEscalations1 } from "./escalations/kyc-document-check-1";
import { kycEscalations2 } from "./escalations/kyc-document-check-2";
import { markupPayloadEscalation } from "./escalations/markup-payload";
import { refundTriageEscalations1 } from "./escalations/refund-triage-1";
import { refundTriageEscalations2 } from "./escalations/refund-triage-2";
import { auditLog, checkpoints } from "../db/schema/audit";
import { escalations, goldItems } from "../db/schema/escalations";
import { driftAlerts, readinessReviews, volumeReports } from "../db/schema/metrics";
import { verifications } from "../db/schema/reviews";
import { aiSystems } from "../db/schema/systems";
import { users } from "../db/schema/users";
import { seedDemoIfEmpty, type DemoInfo } from "./seed";
import { signingKeyFileName, useSigningKeyFile } from "../audit/signing-key";
import { testEngine } from "../db/pg/test-database";
import { testDb } from "../testing/fixtures";
import { transaction } from "../db/transaction";
import { statement } from "../lib/prepared";

const seededAt = Date.parse("2026-11-22T12:00:00Z");
const hour = 3_600_000;
const day = 24 * hour;
const openExternalIds = new Set(
  [...refundTriageEscalations1, ...refundTriageEscalations2, markupPayloadEscalation, ...kycEscalations1, ...kycEscalations2].map((e) => e.externalId),
);
const tables = { users, aiSystems, escalations, auditLog, verifications, volumeReports, driftAlerts, goldItems, checkpoints, readinessReviews };
type Table = (typeof tables)[keyof typeof tables];

function freshDemo() {
  const dir = mkdtempSync(join(tmpdir(), "countersign-seed-"));
  const dbPath = join(dir, "countersign.db");
  const deps: Deps = { db: testDb(dbPath), now: () => seededAt };
  // On PostgreSQL the signing key lives in a file of its own: beside dbPath, as SQLite's.
  if (testEngine() === "postgres") useSigningKeyFile(deps.db, join(dir, signingKeyFileName));
  const count = async (table: Table) => (await deps.db.select({ n: sql<number>`count(*)` }).from(table).get())!.n;
  const counts = async () => Object.fromEntries(await inOrder(Object.entries(tables), async ([name, table]) => [name, await count(table)] as const));
  const close = async () => {
    await deps.db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, dbPath, deps, count, counts, close };
}

describe("the demo instance, seeded once", () => {
  let demo: Awaited<ReturnType<typeof freshDemo>>;
  let info: DemoInfo;
  // Seeding takes seconds on an idle machine and minutes on a loaded one; its speed is not this test's business.
  beforeAll(async () => {
    demo = freshDemo();
    info = (await seedDemoIfEmpty(demo.deps, demo.dbPath))!;
  }, 240_000);
  afterAll(() => demo.close());
  const db = () => demo.deps.db;
  const all = <T>(query: string, ...params: unknown[]) => statement(db(), query).all<T>(...params);
  const systemId = async (slug: string) => (await systemBySlug(db(), slug)).id;

  it("seeds the five standard users first, then three more reviewers, all signing in with the demo password", async () => {
    expect(info.password).toBe("demo-password");
    expect(info.users.slice(0, 5)).toEqual([
      { email: "admin@demo.local", roles: ["admin"] },
      { email: "lead@demo.local", roles: ["lead"] },
      { email: "reviewer@demo.local", roles: ["reviewer"] },
      { email: "reviewer2@demo.local", roles: ["reviewer"] },
      { email: "auditor@demo.local", roles: ["auditor"] },
    ]);
    const seeded = await listUsers(db());
    expect(seeded).toHaveLength(8);
    expect(info.users.map((u) => u.email).sort()).toEqual(seeded.map((u) => u.email));
    expect(seeded.filter((u) => u.roles.includes("reviewer")).every((u) => u.email.endsWith("@demo.local"))).toBe(true);
    const admin = (await db().select().from(users).where(eq(users.email, "admin@demo.local")).get())!;
    expect(await verifyPassword("demo-password", admin.passwordHash)).toBe(true);
  });

  it("gives both systems their providers' instructions for use, under which every demo verification was made", async () => {
    for (const slug of ["refund-triage", "kyc-document-check"]) {
      const instructions = await currentInstructions(db(), (await systemBySlug(db(), slug)).id);
      expect(instructions).toMatchObject({ version: 1, provider: expect.any(String), knownLimitations: expect.any(String), oversightInstructions: expect.any(String) });
    }
    const unnamed = (await db().get<{ n: number }>(sql`SELECT count(*) AS n FROM verifications WHERE instructions_version_id IS NULL`))!;
    expect(unnamed.n).toBe(0);
  });

  it("registers refund-triage (HOTL) and kyc-document-check (HITL) with their policies and business cases", async () => {
    const refunds = await systemBySlug(db(), "refund-triage");
    const kyc = await systemBySlug(db(), "kyc-document-check");
    expect(refunds.oversightMode).toBe("HOTL");
    expect(kyc.oversightMode).toBe("HITL");
    expect(refunds.policy).toMatchObject({
      minRationaleChars: 40,
      minDwellSeconds: 20,
      dwellSecondsPer1000Chars: 4,
      leaseMinutes: 15,
      attentionCheckRate: 0.1,
      goldRate: 0.1,
      evidenceRequired: false,
    });
    expect(kyc.policy).toMatchObject({ minDwellSeconds: 30, judgementFirst: true, evidenceRequired: true, requiredVerifications: 2 });
    expect(refunds.businessCase).toMatchObject({
      currency: "EUR",
      manualCostPerItem: 6,
      aiCostPerItem: 0.5,
      reviewCost: { kind: "per_item", amount: 6 },
      assumedVerificationRate: 0.1,
      tolerance: 0.05,
      driftMinSample: 100,
    });
    expect(kyc.businessCase).toMatchObject({ manualCostPerItem: 14, aiCostPerItem: 1.2, reviewCost: { kind: "per_hour", hourlyRate: 54 }, assumedVerificationRate: 1, tolerance: 0 });
    for (const system of [refunds, kyc]) expect(seededAt - system.liveSince!).toBeGreaterThan(20 * day);
  });

  it("keeps the forty-one demo escalations open: varied, received over the last three days, and the newest items", async () => {
    const rows = await db().select().from(escalations).all();
    const open = rows.filter((r) => openExternalIds.has(r.externalId) && r.goldItemId === null);
    expect(open).toHaveLength(41);
    expect(open.every((r) => r.status === "queued" && r.disputedAt === null)).toBe(true);
    for (const slug of ["refund-triage", "kyc-document-check"]) {
      const id = await systemId(slug);
      expect(open.filter((r) => r.systemId === id).length).toBeGreaterThanOrEqual(18);
    }
    expect(new Set(open.map((r) => r.priority))).toEqual(new Set(["low", "normal", "high", "urgent"]));
    expect(new Set(open.map((r) => r.reasonCode)).size).toBeGreaterThanOrEqual(12);
    const ages = open.map((r) => seededAt - r.receivedAt);
    expect(Math.min(...ages)).toBeGreaterThan(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(3 * day);
    expect(open.some((r) => r.dueAt && Date.parse(r.dueAt) < seededAt)).toBe(true);
    expect(open.some((r) => r.dueAt && Date.parse(r.dueAt) > seededAt)).toBe(true);
    const sample = open.find((r) => r.externalId === info.sampleExternalId);
    expect(sample?.systemId).toBe(await systemId(info.apiKeySystem));
    // Nothing else arrived in the last three hours; no history item is left half done.
    expect(rows.filter((r) => r.goldItemId === null && r.receivedAt > seededAt - 3 * hour).every((r) => openExternalIds.has(r.externalId))).toBe(true);
    expect(rows.filter((r) => r.status === "in_review")).toHaveLength(0);
  });

  it("includes one escalation whose text carries HTML and script, kept exactly as sent", async () => {
    const marked = (await db().select().from(escalations).all()).filter((r) => r.aiOutputJson.includes("<img src=x onerror=alert(1)>"));
    expect(marked).toHaveLength(1);
    expect(marked[0]!.contextSummary).toContain("<script>");
    expect(marked[0]!.evidence?.some((item) => item.content?.includes("<script>"))).toBe(true);
  });

  it("qualifies all five reviewers for both systems, with the authority to override, and the lead to override and stop", async () => {
    const all_ = await all<{ email: string; slug: string; expiresAt: number; authority: string }>(
      `SELECT u.email, s.slug, q.expires_at AS expiresAt, q.authority FROM qualifications q
         JOIN users u ON u.id = q.user_id JOIN ai_systems s ON s.id = q.system_id ORDER BY u.email, s.slug`,
    );
    // The lead resolves disputes and may halt: authority she holds by qualification, not by role.
    expect(all_.filter((r) => r.email === "lead@demo.local").map((r) => JSON.parse(r.authority))).toEqual([
      ["override", "stop"],
      ["override", "stop"],
    ]);
    const rows = all_.filter((r) => r.email !== "lead@demo.local");
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.email)).size).toBe(5);
    for (const row of rows) {
      expect(row.expiresAt).toBeGreaterThan(seededAt + 300 * day);
      expect(JSON.parse(row.authority)).toEqual(expect.arrayContaining(["review", "override"]));
    }
  });

  it("records the history in an audit log that verifies, signed checkpoints included, with time only moving forward", async () => {
    const result = await verifyAuditLog(db());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.entries).toBe(await demo.count(auditLog));
    expect(result.entries).toBeLessThan(5000);
    expect(result.checkpoints).toBeGreaterThan(10);
    const times = (await db().select({ at: auditLog.at }).from(auditLog).orderBy(asc(auditLog.seq)).all()).map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.at(-1)).toBeLessThan(seededAt);
  });

  it("has three weeks of decided history on both systems, by five reviewers", async () => {
    const decided = await all<{ slug: string; n: number; reviewers: number; first: number }>(
      `SELECT s.slug, count(*) AS n, count(DISTINCT v.reviewer_id) AS reviewers, min(v.decided_at) AS first
         FROM verifications v JOIN ai_systems s ON s.id = v.system_id GROUP BY s.slug`,
    );
    const bySlug = Object.fromEntries(decided.map((d) => [d.slug, d]));
    expect(bySlug["refund-triage"]!.n).toBeGreaterThan(200);
    expect(bySlug["kyc-document-check"]!.n).toBeGreaterThan(100);
    for (const d of decided) {
      expect(d.reviewers).toBe(5);
      expect(seededAt - d.first).toBeGreaterThan(19 * day);
    }
    const outcomes = (await all<{ outcome: string }>("SELECT DISTINCT outcome FROM verifications")).map((r) => r.outcome);
    expect(new Set(outcomes)).toEqual(new Set(["approved", "modified", "rejected", "escalated"]));
    const models = (await all<{ model: string }>("SELECT DISTINCT model FROM escalations WHERE system_id = ?", await systemId("refund-triage"))).map((r) => r.model);
    expect(models).toEqual(expect.arrayContaining(["refund-triage-llm v3.1", "refund-triage-llm v3.2"]));
    const actions = await all<{ action: string; n: number }>("SELECT action, count(*) AS n FROM audit_log GROUP BY action");
    const n = (action: string) => actions.find((a) => a.action === action)?.n ?? 0;
    expect(n("escalation.lease_expired")).toBeGreaterThan(0);
    expect(n("escalation.released")).toBeGreaterThan(0);
    expect(n("escalation.evidence_opened")).toBeGreaterThan(100);
    expect(n("escalation.judged")).toBeGreaterThan(100);
  });

  it("runs KYC under the two-person rule: agreements, two disagreements the lead resolved, one still waiting for her", async () => {
    const kyc = await systemId("kyc-document-check");
    const perItem = await all<{ verifications: number; reviewers: number; resolved: number; status: string; disputed: number }>(
      `SELECT count(v.id) AS verifications, count(DISTINCT v.reviewer_id) AS reviewers, e.status, CASE WHEN e.disputed_at IS NOT NULL THEN 1 ELSE 0 END AS disputed,
              CASE WHEN EXISTS (SELECT 1 FROM resolutions r WHERE r.escalation_id = e.id) THEN 1 ELSE 0 END AS resolved
         FROM escalations e JOIN verifications v ON v.escalation_id = e.id
        WHERE e.system_id = ? AND e.gold_item_id IS NULL GROUP BY e.id`,
      kyc,
    );
    expect(perItem.every((i) => i.verifications === 2 && i.reviewers === 2)).toBe(true);
    expect(perItem.filter((i) => i.resolved)).toHaveLength(2);
    const waiting = perItem.filter((i) => i.disputed && !i.resolved);
    expect(waiting).toEqual([expect.objectContaining({ status: "queued" })]);
    expect(perItem.filter((i) => i.status === "decided" && !i.resolved).length).toBeGreaterThan(50);
  });

  it("serves gold items to several reviewers and scores each", async () => {
    const scored = await all<{ system: string; reviewers: number; missed: number }>(
      `SELECT s.slug AS system, count(DISTINCT v.reviewer_id) AS reviewers, count(*) FILTER (WHERE v.gold_caught = FALSE) AS missed
         FROM verifications v JOIN ai_systems s ON s.id = v.system_id WHERE v.gold_caught IS NOT NULL GROUP BY s.slug`,
    );
    expect(scored.find((s) => s.system === "refund-triage")!.reviewers).toBeGreaterThanOrEqual(4);
    expect(scored.find((s) => s.system === "kyc-document-check")!.reviewers).toBeGreaterThanOrEqual(3);
    expect(scored.reduce((sum, s) => sum + s.missed, 0)).toBeGreaterThan(0);
    expect((await db().select().from(goldItems).all()).every((g) => g.expectedOutcome === "rejected")).toBe(true);
  });

  it("reports daily volume: refund triage near 10% for two weeks, then climbing past 35%; a gateway that counted more than arrived", async () => {
    const days = await all<{ slug: string; total: number; gateway: number | null; received: number; start: number }>(
      `SELECT s.slug, v.total, v.gateway_escalated AS gateway, v.period_start AS start,
              (SELECT count(*) FROM escalations e WHERE e.system_id = v.system_id AND e.gold_item_id IS NULL
                  AND e.received_at >= v.period_start AND e.received_at < v.period_end) AS received
         FROM volume_reports v JOIN ai_systems s ON s.id = v.system_id ORDER BY v.period_start`,
    );
    const refunds = days.filter((d) => d.slug === "refund-triage");
    expect(refunds).toHaveLength(21);
    const rate = (d: (typeof days)[number]) => d.received / d.total;
    const early = refunds.filter((d) => d.start < seededAt - 7 * day);
    expect(early.filter((d) => rate(d) >= 0.07 && rate(d) <= 0.13).length).toBeGreaterThanOrEqual(early.length - 1);
    expect(rate(refunds.at(-1)!)).toBeGreaterThan(0.35);
    expect(rate(refunds.at(-1)!)).toBeLessThan(0.42);
    expect(refunds.filter((d) => d.gateway !== d.received)).toHaveLength(2);
    expect(days.filter((d) => d.slug === "kyc-document-check").every((d) => d.total === d.received)).toBe(true);
  });

  it("has an open drift alert for refund triage, after an earlier one that cleared", async () => {
    const status = await driftStatus(demo.deps, await systemId("refund-triage"));
    expect(status.open).toMatchObject({ assumedRate: 0.1, tolerance: 0.05 });
    expect(seededAt - Date.parse(status.open!.raisedAt)).toBeLessThan(5 * day);
    expect(status.alerts.filter((a) => !a.open)).toHaveLength(1);
    expect(status.current?.measuredRate).toBeGreaterThan(0.35);
    expect((await driftStatus(demo.deps, await systemId("kyc-document-check"))).open).toBeNull();
  });

  it("recorded the stop test a week ago and a go-live readiness review for each system", async () => {
    const stops = await all<{ action: string; at: string; actorId: string; payload: string }>(
      "SELECT action, at, actor_id AS actorId, payload FROM audit_log WHERE action IN ('system.halted', 'system.resumed') ORDER BY seq",
    );
    const lead = (await listUsers(db())).find((u) => u.email === "lead@demo.local")!;
    expect(stops.map((s) => s.action)).toEqual(["system.halted", "system.resumed"]);
    expect(stops.every((s) => s.actorId === lead.id && JSON.parse(s.payload).reason.length > 20)).toBe(true);
    expect(seededAt - Date.parse(stops[0]!.at)).toBeGreaterThan(6 * day);
    expect((await systemBySlug(db(), "refund-triage")).state).toBe("active");
    // The gateway read the halt 4 s later, so the stop test counts as passed.
    expect(await lastStopTest(db(), (await systemBySlug(db(), "refund-triage")).id)).toMatchObject({ action: "resumed", seenAfterSeconds: 4, passed: true });
    const reviews = await db().select().from(readinessReviews).all();
    expect(reviews.map((r) => [r.milestone, r.verdict]).sort()).toEqual([
      ["before_go_live", "go_with_actions"],
      ["before_go_live", "go_with_actions"],
    ]);
    expect(reviews.every((r) => r.actions.length > 0 && r.recordedBy === lead.id)).toBe(true);
  });

  it("shows the lead one reviewer drifting into rubber-stamping this week, with questions and the decisions behind them", async () => {
    const people = await listUsers(db());
    const lead = callerFor(demo.deps, people.find((u) => u.email === "lead@demo.local")!);
    const window = { from: new Date(seededAt - 7 * day).toISOString(), to: new Date(seededAt).toISOString() };
    const dashboard = await lead.indicators.dashboard(window);
    const byName = new Map(dashboard.reviewers.map((r) => [r.name, r]));
    const stamper = byName.get("Jonas Becker")!;
    expect(stamper.flags.map((f) => f.kind)).toEqual(expect.arrayContaining(["fast", "near_floor", "evidence_unopened", "duplicate_rationale", "approval_streak"]));
    // Gold copies now arrive at drawn times in the queue's own order, so which week a miss lands in
    // varies; over the history he approves known-wrong gold that the careful reviewers reject.
    const goldMissed = (await statement(db(), "SELECT count(*) FROM verifications WHERE reviewer_id = ? AND gold_caught = FALSE").value<number>(stamper.id))!;
    expect(goldMissed).toBeGreaterThanOrEqual(1);
    expect(stamper.flags.every((f) => f.question.endsWith("?"))).toBe(true);
    for (const name of ["Tomás Rivera", "Priya Natarajan", "Aiko Tanaka", "Samuel Okafor"]) {
      expect(byName.get(name)?.figures.decisions).toBeGreaterThanOrEqual(10);
      expect(byName.get(name)?.flags).toEqual([]);
    }
    const behind = await lead.indicators.behindFlag({ ...window, reviewerId: stamper.id, kind: "near_floor" });
    expect(behind.length).toBeGreaterThanOrEqual(30);
    expect(behind.every((d) => d.outcome === "approved")).toBe(true);
    expect(dashboard.queueHealth.open.escalations).toBeGreaterThanOrEqual(41);
  });

  it("shows a reversal and an answered request from an affected person, through the use cases", async () => {
    const people = await listUsers(db());
    const lead = callerFor(demo.deps, people.find((u) => u.email === "lead@demo.local")!);
    const reopened = await db().select().from(escalations).where(sql`${escalations.round} > 1`).all();
    expect(reopened).toEqual([expect.objectContaining({ status: "decided", round: 2, systemId: await systemId("refund-triage") })]);
    const detail = await lead.reviews.detail({ escalationId: reopened[0]!.id });
    expect(detail.decision).toMatchObject({ outcome: "rejected" });
    expect(detail.earlierRounds).toEqual([expect.objectContaining({ round: 1, reopenedBy: "Lena Fischer", decision: expect.objectContaining({ outcome: "approved" }) })]);
    expect(detail.decision!.decidedBy).not.toBe(detail.earlierRounds![0]!.decision.decidedBy);

    const requests = await lead.affectedPersonRequests.list({});
    expect(requests).toEqual([
      expect.objectContaining({ escalationId: reopened[0]!.id, kind: "human_intervention", status: "answered", reReview: expect.objectContaining({ status: "completed" }) }),
    ]);
    const request = await lead.affectedPersonRequests.get({ requestId: requests[0]!.id });
    expect(request.answer?.answer).toMatch(/a different person reviewed it again/);
    expect(request.reopenings).toEqual([expect.objectContaining({ round: 2, reopenedBy: "Lena Fischer" })]);
    const actions = (await all<{ action: string }>("SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq", reopened[0]!.id)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["affected_person_request.recorded", "escalation.reopened", "affected_person_request.re_review_recorded", "affected_person_request.answered"]),
    );
  });

  it("does not seed again on a second start and returns the same working API key", async () => {
    const before = await demo.counts();
    const second = (await seedDemoIfEmpty(demo.deps, demo.dbPath))!;
    expect(second).toEqual(info);
    expect(await demo.counts()).toEqual(before);
    expect(readFileSync(join(demo.dir, "demo-api-key.txt"), "utf8").trim()).toBe(info.apiKey);
    expect((await systemForApiKey(demo.deps, info.apiKey))?.slug).toBe("refund-triage");
  });

  // Last: it loses the key file and revokes the key, which the tests above rely on.
  it("issues a fresh demo key when the key file is gone or its key was revoked", async () => {
    unlinkSync(join(demo.dir, "demo-api-key.txt"));
    const afterLoss = (await seedDemoIfEmpty(demo.deps, demo.dbPath))!;
    expect(afterLoss.apiKey).not.toBe(info.apiKey);
    expect((await systemForApiKey(demo.deps, afterLoss.apiKey))?.slug).toBe("refund-triage");

    const system = await systemBySlug(demo.deps.db, "refund-triage");
    const active = (await listKeys(demo.deps.db, system.id)).find((k) => k.revokedAt === null && afterLoss.apiKey.startsWith(k.prefix))!;
    await revokeApiKey(demo.deps, { type: "operator" }, active.id);
    const afterRevoke = (await seedDemoIfEmpty(demo.deps, demo.dbPath))!;
    expect((await systemForApiKey(demo.deps, afterRevoke.apiKey))?.slug).toBe("refund-triage");
    expect((await verifyAuditLog(demo.deps.db)).ok).toBe(true);
  });
});

describe("the demo instance on later starts", () => {
  let demo: Awaited<ReturnType<typeof freshDemo>>;
  beforeEach(() => {
    demo = freshDemo();
  });
  afterEach(() => demo.close());

  it("leaves a database that is not a demo instance alone", async () => {
    await transaction(demo.deps.db, () =>
      statement(demo.deps.db, "INSERT INTO users (id, email, name, password_hash, active, created_at) VALUES ('usr_1', 'ops@example.com', 'Ops', 'x', TRUE, 0)").run(),
    );
    expect(await seedDemoIfEmpty(demo.deps, demo.dbPath)).toBeNull();
    expect(await demo.count(escalations)).toBe(0);
  });

  it("seeds an in-memory database without writing a key file", async () => {
    const memory: Deps = { db: openDb(":memory:"), now: () => seededAt };
    const info = (await seedDemoIfEmpty(memory, ":memory:"))!;
    expect((await systemForApiKey(memory, info.apiKey))?.slug).toBe("refund-triage");
    memory.db.$client.close();
  }, 60_000);
});
