import { createHash } from "node:crypto";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { readMigrationFiles } from "drizzle-orm/migrator";
import pg from "pg";
import * as schema from "./schema/index";
import { currentScope, registerDriver, type TransactionDriver } from "../transaction";
import { installSqliteEndings, pgStatement } from "./sqlite-compat";

/*
 * PostgreSQL (15 or later), selected by COUNTERSIGN_DATABASE_URL=postgres://…. Today this opens
 * and migrates the database and runs transactions (`db copy`, the tests); the server itself still
 * runs on SQLite: the domain code is async now, but its queries are not yet engine-agnostic.
 */

export type PgDb = ReturnType<typeof pgDbOn>;

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../../../drizzle-pg");

/**
 * Every session without JIT compilation: the server's queries are short index walks, and on a
 * large table the planner's cost estimate made JIT add 0.5–1.6 s to queries that run in a millisecond.
 */
const sessionSettings = "-c jit=off";

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
// drizzle hands each of its queries a parser of its own that falls back to pg's defaults, not the
// pool's: the domain's columns are SQLite's, which take the value as it comes, so set it there too.
pg.types.setTypeParser(pg.types.builtins.INT8, int8AsNumber);

/**
 * Opens a pool on the database and applies pending migrations (drizzle-pg/; drizzle records them
 * in drizzle.__drizzle_migrations, so a second run applies nothing). Close it with `db.$client.end()`.
 *
 * Transactions go through db/transaction.ts as on SQLite: each holds one pooled connection from
 * BEGIN to COMMIT, and every statement run from its async scope, through whichever handle, runs on
 * that connection; statements outside a transaction take any connection of the pool.
 */
export async function openPgDb(url: string, options: { max?: number } = {}) {
  const pool = survivingLostConnections(new pg.Pool({ connectionString: url, max: options.max ?? 10, types, options: sessionSettings }));
  try {
    await migratePg(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pgDbOn(pool);
}

/** How many of this build's PostgreSQL migrations the database has not applied (see pendingMigrations). */
export async function pgPendingMigrations(db: { $client: unknown }): Promise<number> {
  pgMigrationTimes ??= readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis);
  const client = db.$client as pg.Pool;
  const tracked = await client.query("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS tracked");
  const applied = tracked.rows[0].tracked ? (await client.query("SELECT max(created_at) AS at FROM drizzle.__drizzle_migrations")).rows[0].at : null;
  return pgMigrationTimes.filter((at) => at > Number(applied ?? 0)).length;
}
let pgMigrationTimes: number[] | undefined;

/** Applies this build's pending PostgreSQL migrations on the pool's database. */
export async function migratePg(pool: pg.Pool) {
  await migrate(drizzle(pool, { schema }), { migrationsFolder });
}

/** A pool that uses int8 as numbers, like every handle here (for a database the caller migrates itself). */
export function pgPool(url: string, options: { max?: number; idleTimeoutMillis?: number } = {}) {
  return survivingLostConnections(new pg.Pool({ connectionString: url, types, options: sessionSettings, ...options }));
}

/**
 * An idle pooled connection the server ends (a restart, a failover, an administrator) is an
 * 'error' event of the pool, which would otherwise end the process. The pool has already dropped
 * that connection and opens a new one for the next statement; a statement on a dead connection
 * fails in its own request.
 */
function survivingLostConnections(pool: pg.Pool) {
  pool.on("error", () => undefined);
  return pool;
}

/**
 * The database handle over a pool. `ready` is what must finish before the first statement (a test
 * database still being created): until then every statement and transaction waits for it.
 */
export function pgDbOn(pool: pg.Pool, ready: Promise<unknown> = Promise.resolve()) {
  const driver = pgDriver(pool, ready);
  const routed = {
    query: async (...args: unknown[]) => {
      await ready;
      const scope = currentScope();
      const on = scope?.driver === driver ? (scope.connection as pg.PoolClient) : pool;
      return (on.query as (...a: unknown[]) => unknown)(...args);
    },
    connect: async () => {
      await ready;
      return pool.connect();
    },
    end: () => pool.end(),
    // better-sqlite3's name for it, which shutdown and the tests use.
    close: () => pool.end(),
    get totalCount() {
      return pool.totalCount;
    },
    get idleCount() {
      return pool.idleCount;
    },
  } as unknown as pg.Pool;
  installSqliteEndings();
  const db = drizzle(routed, { schema });
  registerDriver(db, driver);
  return db;
}

const statements = new WeakMap<object, Map<string, ReturnType<typeof pgStatement>>>();

/**
 * A drizzle query prepared without a name (`.prepare()`) is, on node-postgres, parsed and planned
 * anew at every run. Named after its text, it is prepared once per connection as `statement()`'s
 * are (sqlite-compat.ts pgStatement). Returns the query it was given.
 */
export function namedAfterItsText<T>(query: T): T {
  const configs = query as { rawQueryConfig?: { name?: string; text: string }; queryConfig?: { name?: string; text: string } };
  if (!configs.rawQueryConfig || configs.rawQueryConfig.name) return query;
  const name = `d${createHash("sha256").update(configs.rawQueryConfig.text).digest("hex").slice(0, 24)}`;
  configs.rawQueryConfig.name = name;
  if (configs.queryConfig) configs.queryConfig.name = name;
  return query;
}

/** A statement written for better-sqlite3, run on the database's pool or the transaction's connection. */
export function pgStatementOn(db: { $client: unknown }, text: string) {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let found = cache.get(text);
  if (!found) {
    const client = db.$client as { query: Parameters<typeof pgStatement>[0] };
    cache.set(text, (found = pgStatement((config) => client.query(config), text)));
  }
  return found;
}

function pgDriver(pool: pg.Pool, ready: Promise<unknown>): TransactionDriver {
  return {
    engine: "postgres",
    async begin(opening) {
      await ready;
      const client = await pool.connect();
      let released = false;
      const release = (error?: Error) => {
        if (released) return;
        released = true;
        client.release(error);
      };
      let opened: unknown[] | undefined;
      try {
        // Several statements in one simple query run one after another, each seeing what those before it did.
        const results = (await client.query(opening ? `BEGIN; ${opening}` : "BEGIN")) as unknown as pg.QueryResult | pg.QueryResult[];
        if (opening) opened = (results as pg.QueryResult[]).at(-1)!.rows;
      } catch (error) {
        release(error as Error);
        throw error;
      }
      return {
        connection: client,
        opened,
        commit: async () => {
          await client.query("COMMIT");
          release();
        },
        // A connection whose ROLLBACK failed is broken: the pool discards it rather than reuse it.
        rollback: async () => {
          if (released) return;
          try {
            await client.query("ROLLBACK");
            release();
          } catch (error) {
            release(error as Error);
          }
        },
      };
    },
    async exec(connection, sql) {
      await (connection as pg.PoolClient).query(sql);
    },
  };
}
