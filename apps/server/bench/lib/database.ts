// The database a bench runs on: a fresh SQLite file, or with BENCH_DATABASE_URL=postgres://… (a
// server the bench may create databases on, as COUNTERSIGN_TEST_DATABASE_URL for the tests) a
// fresh PostgreSQL database there. Either is opened and migrated as the server opens its own
// (openInstance), and removed when the bench closes it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { transaction, type Db } from "../../src/db/client";
import { freshPgDatabase } from "../../src/db/pg/test-database";
import { engineOf } from "../../src/db/transaction";
import { openInstance } from "../../src/instance";
import { statement } from "../../src/lib/prepared";

export type BenchDb = {
  db: Db;
  engine: "sqlite" | "postgres";
  /** The engine and the settings that decide what a commit costs, for the bench's first line. */
  settings: string;
  /** A folder of the bench's own (the SQLite file, the signing key). */
  dir: string;
  close: () => Promise<void>;
};

/** The PostgreSQL server the benches run on, if one is given. */
export const benchServer = process.env.BENCH_DATABASE_URL || undefined;

export async function openBenchDb(name: string): Promise<BenchDb> {
  const dir = mkdtempSync(join(tmpdir(), `countersign-bench-${name}-`));
  const file = join(dir, "bench.db");
  // e.g. BENCH_DATABASE_OPTIONS="TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'": a linguistic collation.
  const database = benchServer ? await freshPgDatabase(benchServer, `countersign_bench_${name}`, process.env.BENCH_DATABASE_OPTIONS ?? "") : undefined;
  const instance = await openInstance({ COUNTERSIGN_DB: file, COUNTERSIGN_DATABASE_URL: database?.url, COUNTERSIGN_SIGNING_KEY_FILE: join(dir, "signing-key.pem") });
  const db = instance.db;
  const close = async () => {
    await db.$client.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  if (instance.engine === "sqlite") {
    const synchronous = db.$client.pragma("synchronous", { simple: true });
    return { db, engine: "sqlite", settings: `SQLite WAL synchronous=${synchronous === 2 ? "FULL" : String(synchronous)}`, dir, close };
  }
  const setting = (name: string) => statement(db, `SELECT current_setting('${name}')`).value<string>();
  // The ICU locale's column is daticulocale on PostgreSQL 15 and 16, datlocale from 17.
  const collation = await statement(
    db,
    `SELECT CASE d.datlocprovider WHEN 'i' THEN 'ICU ' || coalesce(to_jsonb(d) ->> 'datlocale', to_jsonb(d) ->> 'daticulocale') ELSE d.datcollate END
       FROM pg_database d WHERE d.datname = current_database()`,
  ).value<string>();
  const settings = `PostgreSQL ${await setting("server_version")} collation ${collation} fsync=${await setting("fsync")} synchronous_commit=${await setting("synchronous_commit")} shared_buffers=${await setting("shared_buffers")}`;
  return { db, engine: "postgres", settings, dir, close };
}

/**
 * A bulk load into `tables`. On PostgreSQL their secondary indexes are dropped first and built
 * again from their own definitions after it (checked identical), as a bulk load into PostgreSQL is
 * done: a million rows inserted into 17 indexes, most in an order of their own, outgrow
 * shared_buffers and write every index page many times over. SQLite loads as it is.
 */
export async function bulkLoad(db: Db, tables: string[], load: () => Promise<void>) {
  if (engineOf(db) === "sqlite") return transaction(db, load);
  await transaction(db, async () => {
    // Those that back a constraint (primary keys) stay: foreign keys need them.
    const definitions = () =>
      statement(
        db,
        `SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename = ANY(string_to_array(?, ','))
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = to_regclass(quote_ident(i.indexname))) ORDER BY i.indexname`,
      ).all<{ indexname: string; indexdef: string }>(tables.join(","));
    const before = await definitions();
    for (const { indexname } of before) await statement(db, `DROP INDEX "${indexname}"`).run();
    await load();
    await statement(db, "SET LOCAL maintenance_work_mem = '256MB'").run();
    for (const { indexdef } of before) await statement(db, indexdef).run();
    const after = await definitions();
    if (JSON.stringify(after) !== JSON.stringify(before)) throw new Error(`the indexes of ${tables.join(", ")} were not rebuilt as they were`);
  });
}

/**
 * The baseline the benches' ratios are taken against: one plain INSERT per transaction into a
 * table of its own in the bench's database, on the same connection settings (SQLite: its write
 * connection; PostgreSQL: a connection of the same pool, BEGIN, INSERT, COMMIT).
 */
export async function oneInsertPerTransaction(bench: BenchDb): Promise<(body: string) => Promise<void>> {
  const { db } = bench;
  if (bench.engine === "sqlite") {
    db.$client.exec("CREATE TABLE baseline (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    const insert = db.$client.prepare("INSERT INTO baseline (body) VALUES (?)");
    const oneRow = db.$client.transaction((body: string) => insert.run(body));
    return async (body) => {
      oneRow(body);
    };
  }
  const pool = db.$client as unknown as import("pg").Pool;
  await pool.query("CREATE TABLE baseline (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL)");
  return async (body) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query({ name: "baseline", text: "INSERT INTO baseline (body) VALUES ($1)", values: [body] });
      await client.query("COMMIT");
    } finally {
      client.release();
    }
  };
}

/**
 * Batch intake's baseline: rows written by one plain prepared INSERT each, a batch to a
 * transaction (SQLite: better-sqlite3 on the write connection; PostgreSQL: one pooled connection).
 * `columns` pairs each column with its row key.
 */
export function insertsPerTransaction(bench: BenchDb, table: string, columns: [column: string, key: string][]) {
  const { db } = bench;
  const names = columns.map(([column]) => `"${column}"`).join(", ");
  if (bench.engine === "sqlite") {
    const insert = db.$client.prepare(`INSERT INTO ${table} (${names}) VALUES (${columns.map(([, key]) => `@${key}`).join(", ")})`);
    const insertAll = db.$client.transaction((rows: Record<string, unknown>[]) => {
      for (const row of rows) insert.run(row);
    });
    return async (rows: Record<string, unknown>[]) => {
      insertAll(rows);
    };
  }
  const pool = db.$client as unknown as import("pg").Pool;
  const text = `INSERT INTO ${table} (${names}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`;
  return async (rows: Record<string, unknown>[]) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      for (const row of rows) await client.query({ name: `insert-${table}`, text, values: columns.map(([, key]) => row[key]) });
      await client.query("COMMIT");
    } finally {
      client.release();
    }
  };
}
