import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { readMigrationFiles } from "drizzle-orm/migrator";
import * as schema from "./schema/index";

export type Db = ReturnType<typeof openDb>;

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../../drizzle");

/**
 * Opens (creating when needed) the SQLite database and runs pending migrations.
 * WAL lets the CLI and the server share the file; synchronous=FULL makes every
 * acknowledged write survive a kill -9 or a power cut.
 */
export function openDb(path: string) {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return db;
}

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * How many of this build's migrations the database has not applied. drizzle records each applied
 * migration's folder timestamp; the ones later than the newest recorded are pending.
 */
export function pendingMigrations(db: Db): number {
  const known = readMigrationFilesOnce();
  const tracked = db.$client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  const applied = tracked ? (db.$client.prepare("SELECT max(created_at) FROM __drizzle_migrations").pluck().get() as number | null) : null;
  return known.filter((at) => at > (applied ?? 0)).length;
}

let migrationTimes: number[] | undefined;
function readMigrationFilesOnce(): number[] {
  migrationTimes ??= readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis);
  return migrationTimes;
}
