import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../client";
import * as sqliteSchema from "../schema/index";
import { openPgDb, type PgDb } from "./client";
import * as pgSchema from "./schema/index";
import { pgBackfillTalliesSql, pgEscalationTalliesSql } from "./tallies-sql";
import { freshPgDatabase, skipWithoutPostgres } from "./test-database";

/*
 * The same rows and the same changes on both engines: the tallies PostgreSQL's triggers keep, and
 * those its backfills count, must be the ones SQLite's keep and count.
 */

const day = 86_400_000;
const at = 20_000 * day;
const users = [{ id: "u1", email: "a@example.com", name: "A", passwordHash: "", createdAt: 1 }, { id: "u2", email: "b@example.com", name: "B", passwordHash: "", createdAt: 1 }];
const systems = [{ id: "s1", slug: "s1", name: "S", oversightMode: "HOTL" as const, policy: {} as never, createdAt: 1 }];
const escalation = (id: string, reasonCode: string, receivedAt: number, status: "queued" | "decided", extra: { goldItemId?: string; evidence?: unknown[] } = {}) => ({
  id, systemId: "s1", externalId: id, requestHash: "h", inputJson: "{}", aiOutputJson: "{}", confidence: 0.6, model: "m1", reasonCode,
  reasonExplanation: "x", contextSummary: "x", priority: "normal" as const, priorityRank: 1, status, receivedAt, ...extra, evidence: (extra.evidence ?? null) as never,
});
const escalations = [
  escalation("e1", "low_confidence", at + 1, "queued", { evidence: [{ kind: "text", label: "a", content: "b" }] }),
  escalation("e2", "low_confidence", at + 2, "decided"),
  escalation("e3", "policy", at + 3, "queued"),
  escalation("e4", "policy", at + day + 4, "decided", { evidence: [] }),
  escalation("g1", "low_confidence", at + 5, "queued", { goldItemId: "gold" }),
];
const verification = (id: string, escalationId: string, reviewerId: string, decidedAt: number, outcome: string, extra: Record<string, unknown> = {}) => ({
  id, escalationId, reviewerId, claimedAt: decidedAt - 30_000, decidedAt, activeSeconds: 12, checklist: {}, rationale: "r", outcome: outcome as never,
  evidenceOpened: [], contentSha256: "c", systemId: "s1", confidence: 0.6, requiredDwellSeconds: 20, ...extra,
});
const verifications = [
  verification("v1", "e2", "u1", at + 10_000, "approved", { rationaleSimilarity: 0.45, judgementVerdict: "approve", attentionCorrect: true }),
  verification("v2", "e1", "u1", at + 20_000, "rejected", { activeSeconds: 40, evidenceOpened: [0], confidence: 0.9, judgementVerdict: "reject", switchedToAi: false }),
  verification("v3", "e3", "u2", at + 30_000, "escalated", { activeSeconds: 40, confidence: 0.2, attentionCorrect: false, rationaleSimilarity: 0.3 }),
  verification("v4", "g1", "u2", at + 40_000, "approved", { goldCaught: false, confidence: 0.75 }),
  verification("v5", "e4", "u1", at + day + 50_000, "modified", { rationaleSimilarity: 1, switchedToAi: true, judgementVerdict: "reject" }),
  verification("v6", "e1", "u2", at + 60_000, "approved", { activeSeconds: 40, supersededAt: at + 70_000 }),
  verification("v7", "e4", "u2", at + day + 60_000, "escalated", { activeSeconds: 7 }),
  // Exactly at the near-floor line (22 s × 1.15 + 2 = 27.3 s), which doubles (SQLite, counts.ts) put a hair lower: not near the floor on either engine.
  verification("v8", "e2", "u2", at + 45_000, "approved", { claimedAt: at + 45_000 - 27_300, requiredDwellSeconds: 22 }),
];
/** Decisions, a reopening, a supersession and a purge, in SQL both engines read alike. */
const changes = [
  "UPDATE escalations SET status = 'decided' WHERE id IN ('e1', 'e3', 'g1')",
  "UPDATE verifications SET superseded_at = 100 WHERE id = 'v1'",
  "UPDATE escalations SET status = 'in_review' WHERE id = 'e2'",
  "UPDATE verifications SET superseded_at = NULL WHERE id = 'v6'",
  "DELETE FROM verifications WHERE id = 'v3'",
];

const jsonColumns = new Set(["active_seconds", "bands", "similarities", "decided_ms", "facts"]);
const tidy = (rows: Record<string, unknown>[]) =>
  rows
    .map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, jsonColumns.has(key) ? JSON.parse(value as string) : Number.isNaN(Number(value)) ? value : Number(value)])))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** SQLite's backfill statement, read from its migration: the SQL db/ may not import from the domain. */
function sqliteMigrationStatements(suffix: string) {
  const folder = join(import.meta.dirname, "../../../drizzle");
  return readFileSync(join(folder, readdirSync(folder).find((file) => file.endsWith(suffix))!), "utf8").split("--> statement-breakpoint");
}

describe.skipIf(skipWithoutPostgres())("tallies on PostgreSQL", () => {
  const sqlite = openDb(":memory:");
  let pg: PgDb;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await freshPgDatabase();
    drop = database.drop;
    pg = await openPgDb(database.url, { max: 2 });
    for (const [table, rows] of [["users", users], ["aiSystems", systems], ["escalations", escalations], ["verifications", verifications]] as const) {
      await sqlite.insert(sqliteSchema[table]).values(rows as never).run();
      await pg.insert(pgSchema[table]).values(rows as never);
    }
    for (const change of changes) {
      sqlite.$client.exec(change);
      await pg.$client.query(change);
    }
  });
  afterAll(async () => {
    await pg?.$client.end();
    await drop?.();
  });
  const onPg = async (sql: string) => tidy((await pg.$client.query(sql)).rows);
  const onSqlite = (sql: string) => tidy(sqlite.$client.prepare(sql).all() as Record<string, unknown>[]);

  it("the triggers keep the escalation tallies SQLite's triggers keep, through decisions, a reopening and a purge", async () => {
    const kept = onSqlite("SELECT * FROM escalation_tallies");
    expect(kept.length).toBe(3);
    expect(await onPg("SELECT * FROM escalation_tallies")).toEqual(kept);
  });

  it("the escalation tallies' backfill counts what the triggers kept", async () => {
    const kept = await onPg("SELECT * FROM escalation_tallies");
    await pg.$client.query("DELETE FROM escalation_tallies");
    await pg.$client.query(pgEscalationTalliesSql.backfill);
    // A count the triggers took back to 0 stays as a key; counted afresh it is absent, as on SQLite.
    const withoutZeros = (rows: Record<string, unknown>[]) =>
      rows.map((row) => ({ ...row, active_seconds: Object.fromEntries(Object.entries(row.active_seconds as Record<string, number>).filter(([, n]) => n !== 0)) }));
    expect(withoutZeros(await onPg("SELECT * FROM escalation_tallies"))).toEqual(withoutZeros(kept));
  });

  it("the verification tallies' backfill counts what SQLite's counts", async () => {
    sqlite.$client.exec(sqliteMigrationStatements("_retally_verification_tallies.sql").join(""));
    await pg.$client.query(pgBackfillTalliesSql);
    const counted = onSqlite("SELECT * FROM verification_tallies");
    expect(counted.length).toBe(8);
    expect(await onPg("SELECT * FROM verification_tallies")).toEqual(counted);
  });
});
