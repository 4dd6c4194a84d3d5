import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { NodePgPreparedQuery } from "drizzle-orm/node-postgres";
import { PgDatabase, PgDeleteBase, PgInsertBase, PgPreparedQuery, PgSelectBase, PgUpdateBase } from "drizzle-orm/pg-core";

/*
 * The domain is written against drizzle's asynchronous SQLite API: a query ends in .get(), .all(),
 * .run() or .values(), and plain SQL goes through db.get/all/run/values(sql`…`). PostgreSQL's
 * query builders end in execute() instead. These methods give them the same endings, so the
 * domain's queries run unchanged on either engine; this file is the one place that knows.
 */

type Executable = { execute(placeholders?: Record<string, unknown>): Promise<unknown> };
type Result = { rows?: unknown[]; rowCount?: number | null };

/** What .run() answers on SQLite (better-sqlite3's RunResult), from PostgreSQL's result. */
const runResult = (result: unknown) => ({ changes: (result as Result).rowCount ?? 0, lastInsertRowid: 0 });
const rowsOf = (result: unknown) => (Array.isArray(result) ? result : ((result as Result).rows ?? []));

function endings(prototype: object) {
  Object.assign(prototype, {
    async all(this: Executable, placeholders?: Record<string, unknown>) {
      return rowsOf(await this.execute(placeholders));
    },
    async get(this: Executable, placeholders?: Record<string, unknown>) {
      return rowsOf(await this.execute(placeholders))[0];
    },
    async run(this: Executable, placeholders?: Record<string, unknown>) {
      return runResult(await this.execute(placeholders));
    },
  });
}

type LimitableSelect = Executable & {
  config: { limit?: unknown; setOperators: unknown[] };
  authToken?: unknown;
  _prepare(): { execute(placeholders?: Record<string, unknown>, token?: unknown): Promise<unknown> };
};

/**
 * A select's .get(): SQLite steps to the first row and stops; PostgreSQL would send every row the
 * query matches, so a select without a limit of its own is sent with LIMIT 1 (the builder itself
 * is left as it was).
 */
async function firstRowOnly(this: LimitableSelect, placeholders?: Record<string, unknown>) {
  const { config } = this;
  if (config.limit !== undefined || config.setOperators.length > 0) return rowsOf(await this.execute(placeholders))[0];
  config.limit = 1;
  let query: ReturnType<LimitableSelect["_prepare"]>;
  try {
    query = this._prepare();
  } finally {
    config.limit = undefined;
  }
  return rowsOf(await query.execute(placeholders, this.authToken))[0];
}

let installed = false;

/** Gives PostgreSQL's builders, prepared queries and database the SQLite API's endings (once per process). */
export function installSqliteEndings() {
  if (installed) return;
  installed = true;
  // node-postgres's prepared query has an all() of its own (raw rows, for relational queries): it must map fields too.
  for (const builder of [PgSelectBase, PgInsertBase, PgUpdateBase, PgDeleteBase, PgPreparedQuery, NodePgPreparedQuery]) endings(builder.prototype);
  Object.assign(PgSelectBase.prototype, { get: firstRowOnly });
  // Plain SQL (db.all(sql`…`)) is compiled here rather than by execute(), so its aliases keep their case.
  const run = (db: PgDatabase<never>, query: SQL, rowMode?: "array") => {
    const { sql, params } = (db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }).dialect.sqlToQuery(query);
    const client = (db as unknown as { $client: { query(q: object): Promise<Result & { rows: unknown[] }> } }).$client;
    return client.query({ text: quoteCamelCaseAliases(sql), values: params, ...(rowMode ? { rowMode } : {}) });
  };
  Object.assign(PgDatabase.prototype, {
    async all(this: PgDatabase<never>, query: SQL) {
      return (await run(this, query)).rows;
    },
    async get(this: PgDatabase<never>, query: SQL) {
      return (await run(this, query)).rows[0];
    },
    async run(this: PgDatabase<never>, query: SQL) {
      return runResult(await run(this, query));
    },
    async values(this: PgDatabase<never>, query: SQL) {
      return (await run(this, query, "array")).rows;
    },
  });
}

/**
 * `AS camelCase` → `AS "camelCase"`: SQLite keeps an unquoted alias's case, PostgreSQL folds it to
 * lower case, and the domain reads rows by the alias it wrote. Quoted text is left alone.
 */
export function quoteCamelCaseAliases(text: string): string {
  return text
    .split(/('(?:[^']|'')*'|"[^"]*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\b[Aa][Ss]\s+([a-z_][A-Za-z0-9_]*[A-Z][A-Za-z0-9_]*)\b/g, (_m, alias: string) => `AS "${alias}"`)))
    .join("");
}

/**
 * A statement written for better-sqlite3 (`?` positional or `:name` named parameters), run on
 * PostgreSQL (`$1`, `$2`, …). Quoted text and identifiers are left alone.
 */
export function toPgParameters(text: string): { text: string; order: (string | number)[] } {
  let out = "";
  const order: (string | number)[] = [];
  let positional = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      const stop = end === -1 ? text.length : end + 1;
      out += text.slice(i, stop);
      i = stop - 1;
    } else if (c === "?") {
      order.push(positional++);
      out += `$${order.length}`;
    } else if ((c === ":" || c === "@") && /[A-Za-z_]/.test(text[i + 1] ?? "") && text[i - 1] !== ":") {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))![0];
      const at = order.indexOf(name);
      if (at === -1) order.push(name);
      out += `$${at === -1 ? order.length : at + 1}`;
      i += name.length;
    } else out += c;
  }
  return { text: out, order };
}

type Query = (config: { name: string; text: string; values: unknown[]; rowMode?: "array" }) => Promise<{ rows: unknown[]; rowCount: number | null }>;

/**
 * better-sqlite3's statement API (get, all, run, value, column) over a PostgreSQL query function.
 * Prepared once per connection as SQLite's are (lib/prepared.ts): a named statement, so PostgreSQL
 * parses it once and, after a few runs, plans it once. Planning the claim's probes anew took a
 * millisecond each at a million queued, against a tenth of that to run them.
 */
export function pgStatement(query: Query, text: string) {
  const converted = toPgParameters(quoteCamelCaseAliases(text));
  const name = `s${createHash("sha256").update(converted.text).digest("hex").slice(0, 24)}`;
  const values = (params: unknown[]) => {
    if (converted.order.every((key) => typeof key === "number")) return params;
    const named = (params[0] ?? {}) as Record<string, unknown>;
    return converted.order.map((key) => (typeof key === "number" ? params[key] : named[key]));
  };
  const run = (params: unknown[], rowMode?: "array") => query({ name, text: converted.text, values: values(params), ...(rowMode ? { rowMode } : {}) });
  return {
    get: async (...params: unknown[]) => (await run(params)).rows[0] as never,
    all: async (...params: unknown[]) => (await run(params)).rows as never,
    run: async (...params: unknown[]) => ({ changes: (await run(params)).rowCount ?? 0 }),
    value: async (...params: unknown[]) => ((await run(params, "array")).rows[0] as unknown[] | undefined)?.[0] as never,
    column: async (...params: unknown[]) => ((await run(params, "array")).rows as unknown[][]).map((row) => row[0]) as never,
    rawGet: async (...params: unknown[]) => (await run(params, "array")).rows[0] as never,
    rawAll: async (...params: unknown[]) => (await run(params, "array")).rows as never,
  };
}
