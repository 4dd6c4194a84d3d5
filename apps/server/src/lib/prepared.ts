import type { Database, Statement } from "better-sqlite3";
import { eq, getTableName, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { sqliteConnection, type Db, type Tx } from "../db/client";
import { namedAfterItsText, pgStatementOn } from "../db/pg/client";
import { engineOf } from "../db/transaction";

/**
 * Statements built and prepared once per database connection, run afterwards with placeholders.
 * For the review loop's hot paths: building a drizzle query and having SQLite compile it cost
 * several times more than running it, and a claim and a decision run a few dozen statements.
 *
 * Statements are cached per connection (a transaction's and the read connection's apart), so a
 * statement prepared inside one transaction runs inside the next on the same connection.
 */

/**
 * A plain SQL statement, run asynchronously like every query. On SQLite it runs at once on the
 * connection of the calling scope (the transaction's, or the read connection outside one).
 */
export type SqlStatement = {
  get<R = unknown>(...params: unknown[]): Promise<R | undefined>;
  all<R = unknown>(...params: unknown[]): Promise<R[]>;
  run(...params: unknown[]): Promise<{ changes: number }>;
  /** The first column of the first row (undefined without a row). */
  value<R = unknown>(...params: unknown[]): Promise<R | undefined>;
  /** The first column of every row. */
  column<R = unknown>(...params: unknown[]): Promise<R[]>;
};

/** A value in a SQL fragment that prepared statements share: the value itself, or its placeholder. */
export type Bound<T> = T | Placeholder;
type Build<T> = (db: Db | Tx) => T;
type NowStatement = ReturnType<typeof statementNow>;
type Cache = { built: Map<Build<unknown>, unknown>; statements: Map<string, SqlStatement>; now: Map<string, NowStatement> };

const byConnection = new WeakMap<object, Cache>();

function cacheFor(db: Db | Tx): { connection: Database; cache: Cache } {
  const connection = sqliteConnection(db);
  let cache = byConnection.get(connection);
  if (!cache) byConnection.set(connection, (cache = { built: new Map(), statements: new Map(), now: new Map() }));
  return { connection, cache };
}

/**
 * A drizzle query built once per connection, with `sql.placeholder` for what varies (a value
 * still goes through its column's mapping). `build` is the statement's identity: a module-level
 * function, never a closure made per call. A placeholder must never carry null into a JSON or
 * boolean column (the mapping would store 'null' or 0): `insertRow` and `updateRow` handle that.
 */
export function prepared<T>(db: Db | Tx, build: Build<T>): T {
  const { built } = cacheFor(db).cache;
  let statement = built.get(build) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    built.set(build, engineOf(db) === "postgres" ? namedAfterItsText(statement) : statement);
  }
  return statement;
}

/** One text's statements on one connection, each mode compiled on first use (raw: each row an array). */
function onConnection(connection: Database, text: string, raw = false): SqlStatement {
  let rows: Statement | undefined;
  let values: Statement | undefined;
  const plain = () => (rows ??= raw ? connection.prepare(text).raw(true) : connection.prepare(text));
  const pluck = () => (values ??= connection.prepare(text).pluck());
  return {
    get: async (...params) => plain().get(...params) as never,
    all: async (...params) => plain().all(...params) as never,
    run: async (...params) => plain().run(...params),
    value: async (...params) => pluck().get(...params) as never,
    column: async (...params) => pluck().all(...params) as never,
  };
}

/**
 * A plain SQL statement (`?` or `:name` parameters) prepared once per connection, for queries
 * written as SQL. Rows come back as the database returns them, as with drizzle's `tx.get(sql)`.
 */
export function statement(db: Db | Tx, text: string): SqlStatement {
  if (engineOf(db) === "postgres") return pgStatementOn(db, text);
  const { connection, cache } = cacheFor(db);
  let found = cache.statements.get(text);
  if (!found) cache.statements.set(text, (found = onConnection(connection, text)));
  return found;
}

/** A statement's answer: at once on SQLite, a promise on PostgreSQL. */
export type Awaitable<T> = T | Promise<T>;

/**
 * `statement` for the intake's hot path, where SQLite answers at once rather than with a promise:
 * an intake of hundreds of escalations in one transaction runs several statements each, and a
 * promise per statement cost as much as the statement. On PostgreSQL it is `statement` itself.
 */
export function statementNow(db: Db | Tx, text: string): {
  get<R = unknown>(...params: unknown[]): Awaitable<R | undefined>;
  all<R = unknown>(...params: unknown[]): Awaitable<R[]>;
  run(...params: unknown[]): Awaitable<unknown>;
} {
  if (engineOf(db) === "postgres") return pgStatementOn(db, text);
  const { connection, cache } = cacheFor(db);
  let found = cache.now.get(text);
  if (!found) {
    const prepared = connection.prepare(text);
    cache.now.set(
      text,
      (found = {
        get: (...params: unknown[]) => prepared.get(...params) as never,
        all: (...params: unknown[]) => prepared.all(...params) as never,
        run: (...params: unknown[]) => prepared.run(...params),
      }),
    );
  }
  return found;
}

/**
 * SQL text written for statement() (`:name` parameters) as a drizzle fragment that binds `params`,
 * for a query built with drizzle that shares the text. Quoted text and `::` casts are left alone.
 */
export function sqlOf(text: string, params: Record<string, unknown>): SQL {
  const parts = text.split(/('(?:[^']|'')*'|"[^"]*"|::|:[A-Za-z_][A-Za-z0-9_]*)/);
  return sql.join(
    parts.map((part) => {
      if (!/^:[A-Za-z_]/.test(part)) return sql.raw(part);
      const name = part.slice(1);
      if (!(name in params)) throw new Error(`no value for :${name}`);
      return sql`${params[name]}`;
    }),
  );
}

/** `statement` with each row an array of its values in column order. */
export function rawStatement(db: Db | Tx, text: string): Pick<SqlStatement, "get" | "all"> {
  if (engineOf(db) === "postgres") {
    const onPg = pgStatementOn(db, text);
    return { get: onPg.rawGet, all: onPg.rawAll };
  }
  const { connection, cache } = cacheFor(db);
  const key = `raw\n${text}`;
  let found = cache.statements.get(key);
  if (!found) cache.statements.set(key, (found = onConnection(connection, text, true)));
  return found;
}

type Row = Record<string, unknown>;
const byShape = new Map<string, Build<{ run: (values: Row) => unknown }>>();

/** A row's shape: which columns it sets, and which of them to NULL (written as such, never through a placeholder). */
function shapeOf(row: Row): string {
  let key = "";
  for (const column in row) {
    if (row[column] !== undefined) key += row[column] === null ? `${column}=null,` : `${column},`;
  }
  return key;
}

function placeholders(row: Row) {
  const columns = Object.keys(row).filter((column) => row[column] !== undefined);
  return Object.fromEntries(columns.map((column) => [column, row[column] === null ? sql`NULL` : sql.placeholder(column)])) as never;
}

function shaped(key: string, make: () => Build<{ run: (values: Row) => unknown }>) {
  let build = byShape.get(key);
  if (!build) byShape.set(key, (build = make()));
  return build;
}

/** INSERT of one row, prepared once per table and shape of row. */
export async function insertRow(db: Db | Tx, table: SQLiteTable, row: Row): Promise<void> {
  const values = () => placeholders(row);
  const build = shaped(`insert ${getTableName(table)} ${shapeOf(row)}`, () => (on) => on.insert(table).values(values()).prepare());
  await prepared(db, build).run(row);
}

/** UPDATE of one row by its id, prepared once per table and shape of change. */
export async function updateRow(db: Db | Tx, table: SQLiteTable & { id: SQLiteColumn }, id: string, set: Row): Promise<void> {
  const values = () => placeholders(set);
  const build = shaped(`update ${getTableName(table)} ${shapeOf(set)}`, () => (on) =>
    on.update(table).set(values()).where(eq(table.id, sql.placeholder("rowId"))).prepare(),
  );
  await prepared(db, build).run({ ...set, rowId: id });
}
