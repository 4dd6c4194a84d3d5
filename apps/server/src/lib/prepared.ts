import type { Database, Statement } from "better-sqlite3";
import { eq, getTableName, sql, type Placeholder } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db, Tx } from "../db/client";

/**
 * Statements built and prepared once per database connection, run afterwards with placeholders.
 * For the review loop's hot paths: building a drizzle query and having SQLite compile it cost
 * several times more than running it, and a claim and a decision run a few dozen statements.
 *
 * A database and its transactions share drizzle's one session (one better-sqlite3 connection),
 * so a statement prepared inside one transaction runs inside the next on the same connection.
 * The session is not in drizzle's public types; this file is the one place that reaches for it.
 */
type Session = { client: Database };

/** A value in a SQL fragment that prepared statements share: the value itself, or its placeholder. */
export type Bound<T> = T | Placeholder;
type Build<T> = (db: Db | Tx) => T;
type Cache = { built: Map<Build<unknown>, unknown>; statements: Map<string, Statement> };

const byConnection = new WeakMap<Session, Cache>();

function sessionOf(db: Db | Tx): Session {
  const session = (db as unknown as { session?: Session }).session;
  if (!session?.client) throw new Error("prepared statements need drizzle's session and its client: did drizzle-orm change?");
  return session;
}

function cacheFor(session: Session): Cache {
  let cache = byConnection.get(session);
  if (!cache) byConnection.set(session, (cache = { built: new Map(), statements: new Map() }));
  return cache;
}

/**
 * A drizzle query built once per connection, with `sql.placeholder` for what varies (a value
 * still goes through its column's mapping). `build` is the statement's identity: a module-level
 * function, never a closure made per call. A placeholder must never carry null into a JSON or
 * boolean column (the mapping would store 'null' or 0): `insertRow` and `updateRow` handle that.
 */
export function prepared<T>(db: Db | Tx, build: Build<T>): T {
  const { built } = cacheFor(sessionOf(db));
  let statement = built.get(build) as T | undefined;
  if (statement === undefined) built.set(build, (statement = build(db)));
  return statement;
}

/**
 * A plain SQL statement (better-sqlite3, `?` or `:name` parameters) prepared once per connection,
 * for queries written as SQL. Rows come back as SQLite returns them, as with drizzle's `tx.get(sql)`.
 * Shared by every caller with the same text: never switch its modes (pluck, raw, expand).
 */
export function statement(db: Db | Tx, text: string): Statement {
  const session = sessionOf(db);
  const { statements } = cacheFor(session);
  let prepared = statements.get(text);
  if (!prepared) statements.set(text, (prepared = session.client.prepare(text)));
  return prepared;
}

/** `statement` in raw mode (each row an array of its values in column order), cached apart from it. */
export function rawStatement(db: Db | Tx, text: string): Statement {
  const session = sessionOf(db);
  const { statements } = cacheFor(session);
  const key = `raw\n${text}`;
  let prepared = statements.get(key);
  if (!prepared) statements.set(key, (prepared = session.client.prepare(text).raw(true)));
  return prepared;
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
export function insertRow(db: Db | Tx, table: SQLiteTable, row: Row): void {
  const values = () => placeholders(row);
  const build = shaped(`insert ${getTableName(table)} ${shapeOf(row)}`, () => (on) => on.insert(table).values(values()).prepare());
  prepared(db, build).run(row);
}

/** UPDATE of one row by its id, prepared once per table and shape of change. */
export function updateRow(db: Db | Tx, table: SQLiteTable & { id: SQLiteColumn }, id: string, set: Row): void {
  const values = () => placeholders(set);
  const build = shaped(`update ${getTableName(table)} ${shapeOf(set)}`, () => (on) =>
    on.update(table).set(values()).where(eq(table.id, sql.placeholder("rowId"))).prepare(),
  );
  prepared(db, build).run({ ...set, rowId: id });
}
