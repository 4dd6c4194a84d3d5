import type { Database, Statement } from "better-sqlite3";
import { getTableColumns, getTableName, sql, type Placeholder, type SQL } from "drizzle-orm";
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
 * boolean column (the mapping would store 'null' or 0): `insertRow`, `upsertRows` and `updateRow`,
 * which write plain SQL, handle that.
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
type Shaped = { text: string; columns: SQLiteColumn[]; keys: string[] };
const byShape = new Map<string, Shaped>();

/** A row's shape: which columns it sets, in order. */
function shapeOf(row: Row): string {
  let key = "";
  for (const column in row) if (row[column] !== undefined) key += `${column},`;
  return key;
}

/**
 * The statement for a row of this shape: an INSERT, an UPDATE by id, or an INSERT of `rows` such
 * rows that updates every other column when one with the same `target` (a unique key) exists.
 */
function shaped(table: SQLiteTable, row: Row, kind: "insert" | "update" | { rows: number; target: SQLiteColumn[] }): Shaped {
  const upsert = typeof kind === "object" ? kind : undefined;
  const key = `${upsert ? `upsert ${upsert.rows} ${upsert.target.map((column) => column.name).join(",")}` : kind} ${getTableName(table)} ${shapeOf(row)}`;
  let found = byShape.get(key);
  if (!found) {
    const byKey = getTableColumns(table);
    const keys = Object.keys(row).filter((column) => row[column] !== undefined);
    const columns = keys.map((column) => {
      if (!(column in byKey)) throw new Error(`${getTableName(table)} has no column ${column}`);
      return byKey[column]!;
    });
    const names = columns.map((column) => `"${column.name}"`);
    const tuple = `(${names.map(() => "?").join(", ")})`;
    let text = `INSERT INTO "${getTableName(table)}" (${names.join(", ")}) VALUES ${Array.from({ length: upsert?.rows ?? 1 }, () => tuple).join(", ")}`;
    if (kind === "update") {
      const id = (table as SQLiteTable & { id: SQLiteColumn }).id.name;
      text = `UPDATE "${getTableName(table)}" SET ${names.map((name) => `${name} = ?`).join(", ")} WHERE "${id}" = ?`;
    } else if (upsert) {
      const target = upsert.target.map((column) => `"${column.name}"`);
      const others = names.filter((name) => !target.includes(name));
      text += ` ON CONFLICT (${target.join(", ")}) DO UPDATE SET ${others.map((name) => `${name} = excluded.${name}`).join(", ")}`;
    }
    byShape.set(key, (found = { text, columns, keys }));
  }
  return found;
}

/** Each value through its column's own mapping (JSON, booleans); null stays NULL, never 'null' or 0. */
function valuesOf({ columns, keys }: Shaped, row: Row): unknown[] {
  return keys.map((key, i) => {
    const value = row[key];
    return value === null ? null : columns[i]!.mapToDriverValue(value);
  });
}

/*
 * insertRow, upsertRows and updateRow write plain SQL, prepared once per connection and shape of
 * row: a decision writes a verification, its reviewer's two day tallies and its escalation's move,
 * and drizzle's per-run work on a prepared query (filling each placeholder) cost more than SQLite's
 * work on the rows.
 */

/** INSERT of one row, prepared once per table and shape of row. */
export async function insertRow(db: Db | Tx, table: SQLiteTable, row: Row): Promise<void> {
  const shape = shaped(table, row, "insert");
  await statementNow(db, shape.text).run(...valuesOf(shape, row));
}

/**
 * INSERT of rows that all set the same columns, each updating the row with its `target` (a unique
 * key) when there is one, prepared once per table, shape and number of rows.
 */
export async function upsertRows(db: Db | Tx, table: SQLiteTable, rows: Row[], target: SQLiteColumn[]): Promise<void> {
  const shape = shaped(table, rows[0]!, { rows: rows.length, target });
  await statementNow(db, shape.text).run(...rows.flatMap((row) => valuesOf(shape, row)));
}

/** UPDATE of one row by its id, prepared once per table and shape of change. */
export async function updateRow(db: Db | Tx, table: SQLiteTable & { id: SQLiteColumn }, id: string, set: Row): Promise<void> {
  const shape = shaped(table, set, "update");
  await statementNow(db, shape.text).run(...valuesOf(shape, set), id);
}
