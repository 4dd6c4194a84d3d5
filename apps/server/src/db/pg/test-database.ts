import { createHash, randomBytes } from "node:crypto";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readMigrationFiles } from "drizzle-orm/migrator";
import pg from "pg";
import { migratePg, pgDbOn, pgPool, type PgDb } from "./client";

/*
 * For tests on a real PostgreSQL: COUNTERSIGN_TEST_DATABASE_URL names a server on which they may
 * create databases (scripts/with-postgres.sh starts a throwaway one and sets it; `npm run test:all`
 * runs vitest through it). Each test gets a database of its own, so tests run in parallel.
 */

const serverUrl = process.env.COUNTERSIGN_TEST_DATABASE_URL;
const missing =
  "COUNTERSIGN_TEST_DATABASE_URL is not set: run these tests through scripts/with-postgres.sh (e.g. `sh scripts/with-postgres.sh pnpm vitest run apps/server/src/db/pg`)";

/**
 * Whether the PostgreSQL tests are skipped here: only when run alone without a server. In CI
 * (CI=true) a missing server fails the run, so the PostgreSQL tests can never pass by not running.
 */
export function skipWithoutPostgres(): boolean {
  if (serverUrl) return false;
  if (process.env.CI) throw new Error(missing);
  console.warn(`Skipping the PostgreSQL tests: ${missing}`);
  return true;
}

/**
 * A new, empty database on the test server (or on `server`, as the benches' BENCH_DATABASE_URL),
 * created with `options` (its template and locale); `drop` removes it, closing whatever is still connected.
 */
export async function freshPgDatabase(server = serverUrl, prefix = "countersign_test", options = ""): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!server) throw new Error(missing);
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await onServer(`CREATE DATABASE ${name} ${options}`, server);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, server) };
}

async function onServer(statement: string, server = serverUrl) {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/*
 * The whole suite on PostgreSQL (COUNTERSIGN_TEST_ENGINE=postgres): every test database is a copy
 * of one migrated template, made once per server and build of the migrations, so a test pays for
 * CREATE DATABASE … TEMPLATE rather than for the migrations.
 */

/** Whether this run's tests use PostgreSQL for the databases they make (testDeps). */
export function testEngine(): "sqlite" | "postgres" {
  return process.env.COUNTERSIGN_TEST_ENGINE === "postgres" ? "postgres" : "sqlite";
}

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../../../drizzle-pg");
let template: Promise<string> | undefined;

/** The migrated template's name: one per build of the migrations, made by whichever test gets there first. */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const hash = createHash("sha256");
    for (const migration of readMigrationFiles({ migrationsFolder })) hash.update(migration.hash);
    const name = `countersign_template_${hash.digest("hex").slice(0, 16)}`;
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      // One maker at a time across the suite's workers: the others find it made.
      await client.query("SELECT pg_advisory_lock(1515)");
      const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (found.rowCount === 0) {
        const making = `${name}_making`;
        await client.query(`DROP DATABASE IF EXISTS ${making} WITH (FORCE)`);
        await client.query(`CREATE DATABASE ${making}`);
        const pool = pgPool(urlOf(making), { max: 1 });
        try {
          await migratePg(pool);
        } finally {
          await pool.end();
        }
        await client.query(`ALTER DATABASE ${making} RENAME TO ${name}`);
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock(1515)").catch(() => undefined);
      await client.end();
    }
    return name;
  })();
  return template;
}

function urlOf(database: string) {
  if (!serverUrl) throw new Error(missing);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const made: { name: string; db: PgDb }[] = [];
const urls = new WeakMap<object, string>();

/** The URL of a database pgTestDb made: what a test hands the CLI's --db, as it hands a SQLite test its file. */
export function pgTestUrl(db: object): string {
  const url = urls.get(db);
  if (!url) throw new Error("this database was not made by pgTestDb");
  return url;
}

/**
 * A migrated PostgreSQL database of the test's own, usable at once: its first statement waits
 * until the copy exists. dropTestDatabases (after each file) closes and removes them.
 */
export function pgTestDb(): PgDb {
  if (!serverUrl) throw new Error(missing);
  const name = `countersign_test_${randomBytes(6).toString("hex")}`;
  const ready = migratedTemplate().then((from) => onServer(`CREATE DATABASE ${name} TEMPLATE ${from}`));
  // Reported by the first statement that waits for it, not as an unhandled rejection.
  ready.catch(() => undefined);
  // A test holds its database's connections only while it uses them.
  const db = pgDbOn(pgPool(urlOf(name), { max: 4, idleTimeoutMillis: 1000 }), ready);
  made.push({ name, db });
  urls.set(db, urlOf(name));
  return db;
}

/**
 * The same test database on a pool of its own, as a server restarted on it opens it by URL.
 * Closed and removed with the test's databases.
 */
export function reopenTestDb(db: object): PgDb {
  const found = made.find((entry) => entry.db === db);
  if (!found) throw new Error("reopenTestDb: not a database pgTestDb made in this test file");
  const reopened = pgDbOn(pgPool(urlOf(found.name), { max: 4, idleTimeoutMillis: 1000 }));
  made.push({ name: found.name, db: reopened });
  return reopened;
}

/** Closes and removes every database pgTestDb made in this test file. */
export async function dropTestDatabases() {
  const dropping = made.splice(0);
  // Every pool first: a database reopened has two, and dropping it under an open one breaks that one.
  for (const { db } of dropping) await db.$client.end().catch(() => undefined);
  for (const name of new Set(dropping.map((entry) => entry.name))) await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
