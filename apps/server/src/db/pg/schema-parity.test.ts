import { is, SQL, StringChunk, type Table } from "drizzle-orm";
import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../client";
import * as sqliteSchema from "../schema/index";
import { openPgDb, type PgDb } from "./client";
import * as pgSchema from "./schema/index";
import { freshPgDatabase, skipWithoutPostgres } from "./test-database";

/** How each SQLite column type is held on PostgreSQL (schema/index.ts says why). */
const typeOnPostgres: Record<string, string> = {
  SQLiteText: "text",
  SQLiteTextJson: "text",
  SQLiteInteger: "bigint",
  SQLiteBoolean: "boolean",
  SQLiteReal: "double precision",
};


/** An index key or WHERE as text: a column by name, SQL by its text, with outer parentheses and quoting dropped. */
function sqlText(part: unknown): string {
  if (is(part, SQL)) return part.queryChunks.map(sqlText).join("").trim().replace(/^\((.*)\)$/, "$1");
  if (is(part, StringChunk)) return part.value.join("");
  const column = part as { name: string; indexConfig?: { order?: string } };
  return column.indexConfig?.order === "desc" ? `${column.name} DESC` : column.name;
}

/** A default as SQL text: a JSON column's value (SQLite's json mode) as the quoted text PostgreSQL's SQL default writes. */
function defaultText(value: unknown): unknown {
  if (value === undefined) return null;
  if (is(value, SQL)) return sqlText(value);
  return typeof value === "object" && value !== null ? `'${JSON.stringify(value)}'` : value;
}

/** What both engines must agree on, per table, from drizzle's own description of the schema. */
function described(config: Awaited<ReturnType<typeof sqliteTableConfig>> | Awaited<ReturnType<typeof pgTableConfig>>, columnType: (type: string, sqlType: string) => string) {
  return {
    columns: config.columns.map((column) => ({
      name: column.name,
      type: columnType(column.columnType, column.getSQLType()),
      notNull: column.notNull,
      primary: column.primary,
      default: defaultText(column.default),
      // An autoincrement key on SQLite is an identity column on PostgreSQL: both number a row that comes without one.
      numbered: column.generatedIdentity !== undefined || ("autoIncrement" in column && column.autoIncrement === true),
      unique: column.isUnique ? column.uniqueName : null,
    })),
    primaryKey: config.primaryKeys.map((key) => key.columns.map((column) => column.name)),
    foreignKeys: config.foreignKeys
      .map((key) => key.reference())
      .map((reference) => ({
        columns: reference.columns.map((column) => column.name),
        references: `${getName(reference.foreignTable)}(${reference.foreignColumns.map((column) => column.name).join(", ")})`,
      }))
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
    indexes: config.indexes
      .map(({ config: index }) => ({
        name: index.name,
        unique: index.unique,
        on: index.columns.map(sqlText),
        where: index.where ? sqlText(index.where) : null,
      }))
      .sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "")),
  };
}
/** Indexes PostgreSQL needs and SQLite does not, and why. */
const onlyOnPostgres: Record<string, string> = {
  // The queue's search by an id's beginning, in byte order under any database collation.
  escalations_id_bytewise_idx: "SQLite's primary key index on escalations.id is in byte order already",
};
const getName = (table: Table) => (is(table, PgTable) ? pgTableConfig(table).name : sqliteTableConfig(table as SQLiteTable).name);

const sqliteTables = new Map((Object.values(sqliteSchema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable)).map((table) => [sqliteTableConfig(table).name, table]));
const pgTables = new Map((Object.values(pgSchema) as unknown[]).filter((value): value is PgTable => is(value, PgTable)).map((table) => [pgTableConfig(table).name, table]));

describe("the PostgreSQL schema mirrors the SQLite schema", () => {
  it("has every table, and no other", () => {
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
  });

  it.each([...sqliteTables.keys()])("%s: the same columns, types, keys and indexes", (name) => {
    const sqlite = described(sqliteTableConfig(sqliteTables.get(name)!), (type) => typeOnPostgres[type] ?? `unmapped ${type}`);
    const pg = described(pgTableConfig(pgTables.get(name)!), (_, sqlType) => sqlType);
    pg.indexes = pg.indexes
      .filter((index) => !(index.name! in onlyOnPostgres))
      // SQLite orders text by its bytes (BINARY) already: a key in PostgreSQL's "C" collation is the same key.
      .map((index) => ({ ...index, on: index.on.map((key) => key.replace(/ COLLATE "C"$/, "")) }));
    expect(pg).toEqual(sqlite);
  });

  it("names only indexes PostgreSQL has among those SQLite does without", () => {
    const all = [...pgTables.values()].flatMap((table) => pgTableConfig(table).indexes.map(({ config: index }) => index.name));
    expect(Object.keys(onlyOnPostgres).filter((name) => !all.includes(name))).toEqual([]);
  });
});

describe.skipIf(skipWithoutPostgres())("the migrated PostgreSQL catalog mirrors a migrated SQLite database", () => {
  const sqlite = openDb(":memory:").$client;
  let pg: PgDb;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await freshPgDatabase();
    drop = database.drop;
    pg = await openPgDb(database.url, { max: 2 });
  });
  afterAll(async () => {
    await pg?.$client.end();
    await drop?.();
  });

  it("has every table and column the SQLite migrations made", async () => {
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
      .pluck()
      .all() as string[];
    const onSqlite = tables.flatMap((table) =>
      (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).map((column) => `${table}.${column}`),
    );
    const { rows } = await pg.$client.query(
      "SELECT table_name || '.' || column_name AS name FROM information_schema.columns WHERE table_schema = 'public'",
    );
    expect(rows.map((row: { name: string }) => row.name).sort()).toEqual(onSqlite.sort());
  });

  it("has every index and trigger the SQLite migrations made", async () => {
    const onSqlite = (type: string) =>
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all(type) as string[];
    const indexes = await pg.$client.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'");
    const pgIndexes = new Set(indexes.rows.map((row: { indexname: string }) => row.indexname));
    expect(onSqlite("index").filter((index) => !pgIndexes.has(index))).toEqual([]);

    const triggers = await pg.$client.query("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal");
    const pgTriggers = new Set(triggers.rows.map((row: { tgname: string }) => row.tgname));
    expect(onSqlite("trigger").filter((trigger) => !pgTriggers.has(trigger))).toEqual([]);
  });
});
