import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type { RunResult } from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import * as schema from "./schema/index";
import { pgPendingMigrations } from "./pg/client";
import { currentScope, engineOf, registerDriver, transaction } from "./transaction";
import { groupCommitDriver } from "./group-commit";

/**
 * The database as the domain sees it: every query is awaited, whichever engine runs it.
 * A transaction's handle is the same object (see transaction.ts): what runs inside the transaction's
 * async scope runs on its connection.
 */
export type Db = BaseSQLiteDatabase<"async", RunResult, typeof schema> & { $client: Database.Database };
export type Tx = Db;

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../../drizzle");
const connections = new WeakMap<object, () => Database.Database>();

/**
 * Opens (creating when needed) the SQLite database and runs pending migrations.
 * WAL lets the CLI and the server share the file; synchronous=FULL makes every
 * acknowledged write survive a kill -9 or a power cut.
 *
 * Two connections: transactions write on one, taking turns within the process (IMMEDIATE takes
 * the file's write lock, so the CLI in another process waits too); everything outside a transaction
 * reads on the other, which sees only what has committed.
 */
export function openDb(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const writer = new Database(path);
  writer.pragma("journal_mode = WAL");
  writer.pragma("synchronous = FULL");
  writer.pragma("foreign_keys = ON");
  writer.pragma("busy_timeout = 5000");
  // Statement journals in memory, not in temporary files. An escalation's INSERT needs one (its
  // tally trigger), holding the pages it changes that its transaction had changed before: in a
  // group commit that passes the 64 KiB SQLite keeps in memory, and each transaction created,
  // wrote page by page and deleted a file under /var/tmp. The journal only undoes a failed
  // statement inside its transaction; durability stays the WAL's.
  writer.pragma("temp_store = MEMORY");
  migrate(drizzle(writer, { schema }), { migrationsFolder });
  // An in-memory database exists on one connection only.
  const reader = path === ":memory:" ? writer : new Database(path, { readonly: true });
  reader.pragma("busy_timeout = 5000");
  const connection = () => (currentScope()?.connection === writer ? writer : reader);
  const routed = new Proxy(writer, {
    get(_target, property) {
      const on = connection();
      const value = Reflect.get(on, property, on);
      return typeof value === "function" ? value.bind(on) : value;
    },
  });
  const db = drizzle(routed, { schema }) as unknown as Db;
  // `$client`, better-sqlite3's own API: a query outside a transaction reads committed rows on the
  // read connection like drizzle's; anything else (a write, exec, pragma, a tool's or a test's
  // direct work on the file) goes to the write connection, and closing it closes both.
  const client = new Proxy(writer, {
    get(target, property) {
      if (property === "close") return () => closeBoth(writer, reader);
      if (property === "prepare") return (sql: string) => prepareOn(connection(), writer, sql);
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  Object.defineProperty(db, "$client", { value: client });
  registerDriver(db, groupCommitDriver(writer));
  connections.set(db, connection);
  return db;
}

/**
 * The SQLite connection the calling scope runs on (the transaction's, or the read connection
 * outside one); a handle over one connection of its own (an export's snapshot) always uses that.
 */
export function sqliteConnection(db: Db): Database.Database {
  return connections.get(db)?.() ?? db.$client;
}

/** A read-only statement on `on`; anything that writes (or reads a temporary table of the writer's) on the writer. */
function prepareOn(on: Database.Database, writer: Database.Database, sql: string) {
  if (on === writer) return writer.prepare(sql);
  try {
    const statement = on.prepare(sql);
    if (statement.readonly) return statement;
  } catch {
    // Not preparable on the read connection (a temporary table): the write connection's.
  }
  return writer.prepare(sql);
}

function closeBoth(writer: Database.Database, reader: Database.Database) {
  if (reader !== writer) reader.close();
  writer.close();
}

export { transaction };

/**
 * How many of this build's migrations the database has not applied. drizzle records each applied
 * migration's folder timestamp; the ones later than the newest recorded are pending.
 */
export async function pendingMigrations(db: Db): Promise<number> {
  if (engineOf(db) === "postgres") return pgPendingMigrations(db);
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
