import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema/index";

/*
 * PostgreSQL (15 or later), selected by COUNTERSIGN_DATABASE_URL=postgres://…. Today this opens
 * and migrates the database (`db copy`, the tests); the server itself still runs on SQLite until
 * the domain code is async and engine-agnostic (issue #15), which will call openPgDb from main.ts.
 */

export type PgDb = Awaited<ReturnType<typeof openPgDb>>;

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../../../drizzle-pg");

/** Whether a database URL names PostgreSQL rather than a SQLite file. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * int8 (bigint columns, count(*)) as a JS number, as SQLite hands them out, instead of
 * node-postgres's string: every such value here is an epoch millisecond or a count, far below
 * 2^53. One past it is refused rather than silently rounded.
 */
const int8AsNumber = (text: string) => {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`a bigint value ${text} is beyond 2^53 and cannot be read exactly as a number`);
  return value;
};
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 ? int8AsNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Opens a pool on the database and applies pending migrations (drizzle-pg/; drizzle records them
 * in drizzle.__drizzle_migrations, so a second run applies nothing). Close it with `db.$client.end()`.
 */
export async function openPgDb(url: string, options: { max?: number } = {}) {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types });
  try {
    const db = drizzle(pool, { schema });
    await migrate(db, { migrationsFolder });
    return db;
  } catch (error) {
    await pool.end();
    throw error;
  }
}
