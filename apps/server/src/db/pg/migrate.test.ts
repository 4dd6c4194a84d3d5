import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { appendOnlySql } from "./append-only";
import { isPostgresUrl, openPgDb, type PgDb } from "./client";
import { pgBackfillTalliesSql, pgEscalationTalliesSql } from "./tallies-sql";
import { freshPgDatabase, skipWithoutPostgres } from "./test-database";

const folder = join(import.meta.dirname, "../../../drizzle-pg");
const migration = (suffix: string) => readFileSync(join(folder, readdirSync(folder).find((file) => file.endsWith(suffix))!), "utf8");
const breakpoint = "\n--> statement-breakpoint\n";

describe("the PostgreSQL migrations", () => {
  it("hold the hand-written SQL exactly as the code writes it", () => {
    expect(migration("_append_only.sql")).toContain(appendOnlySql.join(breakpoint));
    expect(migration("_retally_verification_tallies.sql")).toContain(pgBackfillTalliesSql);
    for (const sql of [...pgEscalationTalliesSql.rowTriggers, pgEscalationTalliesSql.backfill]) expect(migration("_escalation_tallies_triggers.sql")).toContain(sql);
    expect(migration("_statement_tally_triggers.sql")).toContain(pgEscalationTalliesSql.statementTriggers.join(breakpoint));
  });

  it("COUNTERSIGN_DATABASE_URL selects PostgreSQL only for a postgres:// URL", () => {
    expect(isPostgresUrl("postgres://countersign@db.example.com/countersign")).toBe(true);
    expect(isPostgresUrl("postgresql://db.example.com/countersign")).toBe(true);
    expect(isPostgresUrl("./data/countersign.db")).toBe(false);
  });
});

describe.skipIf(skipWithoutPostgres())("opening PostgreSQL", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  async function open(url: string) {
    const db = await openPgDb(url, { max: 2 });
    cleanup.push(() => db.$client.end());
    return db;
  }
  const applied = async (db: PgDb) =>
    (await db.$client.query("SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id")).rows as { hash: string; created_at: number }[];

  it("migrates an empty database, and a second opening applies nothing", async () => {
    const database = await freshPgDatabase();
    cleanup.push(database.drop);
    const first = await open(database.url);
    const journal = JSON.parse(readFileSync(join(folder, "meta/_journal.json"), "utf8")) as { entries: unknown[] };
    expect(await applied(first)).toHaveLength(journal.entries.length);
    const tables = await first.$client.query("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'");
    expect(tables.rows[0].n).toBeGreaterThan(30);

    const second = await open(database.url);
    expect(await applied(second)).toEqual(await applied(first));
  });

  it("reads bigint columns and counts as numbers, as SQLite does", async () => {
    const database = await freshPgDatabase();
    cleanup.push(database.drop);
    const db = await open(database.url);
    const { rows } = await db.$client.query("SELECT count(*) AS n, 1796166518377::bigint AS at");
    expect(rows[0]).toEqual({ n: 1, at: 1796166518377 });
    await expect(db.$client.query("SELECT 9007199254740993::bigint AS beyond")).rejects.toThrow(/beyond 2\^53/);
  });
});
