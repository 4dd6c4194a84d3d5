import { randomBytes } from "node:crypto";
import pg from "pg";

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

/** A new, empty database on the test server; `drop` removes it, closing whatever is still connected. */
export async function freshPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!serverUrl) throw new Error(missing);
  const name = `countersign_test_${randomBytes(6).toString("hex")}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function onServer(statement: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
