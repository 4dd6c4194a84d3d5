import { beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { testEngine } from "../../db/pg/test-database";
import { statement } from "../../lib/prepared";
import { write } from "../../lib/tx";
import { addSystem, addUser, callerFor, testDeps } from "../../testing/fixtures";
import { decideAs, machineClient } from "../../testing/operations";
import { createCheckpoint } from "../../audit/checkpoint";
import { queueHealth } from "../indicators/queue-health";
import { queuedSql } from "../queue/metrics";

const token = "prometheus-scrape-token-0123456789";
let t: Awaited<ReturnType<typeof testDeps>>;
let app: Awaited<ReturnType<typeof buildApp>>;
let gateway: Awaited<ReturnType<typeof machineClient>>;

const scrape = async (authorization?: string) => {
  const res = await app.request("/metrics", { headers: authorization ? { authorization } : {} });
  return { status: res.status, text: await res.text(), res };
};
/** The value of one sample in Prometheus' text format, e.g. value(text, 'countersign_queue_depth{system="x",priority="high"}'). */
const value = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

beforeEach(async () => {
  t = testDeps();
  const { key } = await addSystem(t.deps);
  gateway = machineClient(buildApp(t.deps), key);
  app = buildApp(t.deps, undefined, {}, { metricsToken: token });
});

describe("GET /metrics", () => {
  it("needs the metrics token when one is set, compared whole: none, a wrong one and a prefix are 401", async () => {
    for (const authorization of [undefined, "Bearer wrong-token-wrong-token-12", `Bearer ${token.slice(0, -1)}`, token]) {
      const { status, text } = await scrape(authorization);
      expect(status, authorization).toBe(401);
      expect(JSON.parse(text).error).toMatchObject({ code: "UNAUTHORIZED", requestId: expect.any(String) });
    }
    const ok = await scrape(`Bearer ${token}`);
    expect(ok.status).toBe(200);
    expect(ok.res.headers.get("content-type")).toContain("text/plain");
  });

  it("is open without a token (README: bind to localhost then)", async () => {
    expect((await buildApp(t.deps).request("/metrics")).status).toBe(200);
  });

  it("counts the reviewers' queue per system and priority, with the oldest item's age", async () => {
    await gateway.escalate({ externalId: "a", priority: "urgent" });
    t.advance(120);
    await gateway.escalate({ externalId: "b", priority: "urgent" });
    await gateway.escalate({ externalId: "c" });
    t.advance(30);
    const { text } = await scrape(`Bearer ${token}`);
    expect(value(text, 'countersign_queue_depth{system="refund-triage",priority="urgent"}')).toBe(2);
    expect(value(text, 'countersign_queue_depth{system="refund-triage",priority="normal"}')).toBe(1);
    expect(value(text, 'countersign_queue_oldest_age_seconds{system="refund-triage",priority="urgent"}')).toBe(150);
    expect(value(text, 'countersign_queue_oldest_age_seconds{system="refund-triage",priority="normal"}')).toBe(30);
  });

  it("counts what the lead's queue health counts: items in review and gold copies in, disputed items out", async () => {
    const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"], { qualified: true });
    for (const externalId of ["q1", "q2", "q3"]) await gateway.escalate({ externalId, priority: "high" });
    t.advance(60);
    await callerFor(t.deps, reviewer).queue.claimNext({});
    const disputed = await statement(t.deps.db, "SELECT id FROM escalations WHERE status = 'queued' ORDER BY received_at DESC").value<string>();
    await write(t.deps.db, () => statement(t.deps.db, "UPDATE escalations SET disputed_at = ? WHERE id = ?").run(t.deps.now(), disputed));
    const { text } = await scrape(`Bearer ${token}`);
    const health = (await queueHealth(t.deps.db, t.deps.now(), 0, null)).backlog;
    expect(health).toEqual([expect.objectContaining({ system: "refund-triage", priority: "high", items: 2, inReview: 1 })]);
    expect(value(text, 'countersign_queue_depth{system="refund-triage",priority="high"}')).toBe(health[0]!.items);
    expect(value(text, 'countersign_queue_oldest_age_seconds{system="refund-triage",priority="high"}')).toBe((t.deps.now() - health[0]!.oldestReceivedAt) / 1000);
  });

  it("counts decisions by outcome once they are recorded, and the audit log's size and unsigned tail", async () => {
    const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"], { qualified: true });
    const before = value((await scrape(`Bearer ${token}`)).text, 'countersign_decisions_total{system="refund-triage",outcome="rejected"}') ?? 0;
    const id = (await (await gateway.escalate({ externalId: "d" })).json()).id as string;
    await decideAs(t, reviewer, id, "rejected");
    await createCheckpoint(t.deps.db, t.deps.now());
    await gateway.escalate({ externalId: "e" });
    t.advance(45);
    const { text } = await scrape(`Bearer ${token}`);
    expect(value(text, 'countersign_decisions_total{system="refund-triage",outcome="rejected"}')).toBe(before + 1);
    const entries = await statement(t.deps.db, "SELECT count(*) FROM audit_log").value();
    expect(value(text, "countersign_audit_entries")).toBe(entries);
    expect(value(text, "countersign_audit_unsigned_entries")).toBe(1);
    expect(value(text, "countersign_audit_checkpoint_age_seconds")).toBe(45);
  });

  it("gives the verification rate the systems page shows, from the same definition", async () => {
    const day = (d: number) => new Date(t.deps.now() - d * 86_400_000).toISOString();
    await gateway.reportVolume({ periodStart: day(2), periodEnd: day(1), total: 40 });
    const systemId = (await statement(t.deps.db, "SELECT id FROM ai_systems").value<string>())!;
    for (const externalId of ["r1", "r2"]) await gateway.escalate({ externalId });
    await write(t.deps.db, () => statement(t.deps.db, "UPDATE escalations SET received_at = ?").run(Date.parse(day(1.5))));
    const caller = callerFor(t.deps, await addUser(t.deps, "lead@example.com", ["lead"]));
    const shown = await caller.metrics.rates({ systemId });
    const { text } = await scrape(`Bearer ${token}`);
    expect(shown.overall.rate).toBe(2 / 40);
    expect(value(text, 'countersign_verification_rate{system="refund-triage"}')).toBe(shown.overall.rate);
    expect(value(text, 'countersign_verification_rate_layer_conflict{system="refund-triage"}')).toBe(0);
  });

  it("labels HTTP latency by route pattern and status, never by the raw path", async () => {
    await gateway.escalate({ externalId: "f" });
    await app.request("/api/v1/escalations/esc_does_not_exist", { headers: { authorization: "Bearer nope" } });
    await app.request("/trpc/auth.me");
    const { text } = await scrape(`Bearer ${token}`);
    expect(text).toMatch(/countersign_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/escalations\/:id",status="401"\} \d+/);
    expect(text).toMatch(/countersign_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/escalations",status="201"\} \d+/);
    expect(text).toMatch(/route="\/trpc\/auth\.me"/);
    expect(text).not.toContain("esc_does_not_exist");
  });

  // EXPLAIN QUERY PLAN is SQLite's; PostgreSQL's planner chooses by its statistics.
  it.skipIf(testEngine() === "postgres")("reads the queued items off the claim's partial indexes, one range per system and priority: never the decided escalations", () => {
    for (const sql of queuedSql) {
      const plan = t.deps.db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ systemId: "x", rank: 1, now: 1 }) as { detail: string }[];
      expect(plan.map((p) => p.detail)).toEqual([
        expect.stringMatching(/^SEARCH escalations USING INDEX escalations_claim_(real|gold)_idx \(system_id=\? AND priority_rank=\? AND received_at<\?\)$/),
      ]);
    }
  });
});
