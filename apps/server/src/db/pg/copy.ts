import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { sqliteConnection, type Db } from "../client";
import type { PgDb } from "./client";
import * as pgSchema from "./schema/index";

/** The target is not an empty Countersign database: nothing was copied. */
export class CopyRefused extends Error {}

export type TableCopy = { table: string; rows: number };
/** Fractional milliseconds found in SQLite integer columns, rounded on the way (per "table.column"). */
export type Rounded = Map<string, number>;

/** The triggers that keep escalation_tallies: off while the copy brings SQLite's tallies over as they are. */
const tallyTriggers = [
  ["escalations", "escalation_tallies_received"],
  ["escalations", "escalation_tallies_status"],
  ["verifications", "escalation_tallies_verified"],
  ["verifications", "escalation_tallies_superseded"],
  ["verifications", "escalation_tallies_unverified"],
] as const;

/** At most this many rows, or about this many bytes of text, go in one INSERT. */
const batchRows = 500;
const batchBytes = 8 * 1024 * 1024;
/** PostgreSQL takes at most 65,535 parameters per statement. */
const maxParameters = 65_535;

/**
 * Every table, referenced ones before the tables that reference them, with what the copy needs to
 * know of each column: booleans arrive from SQLite as 0/1, identity columns need their sequence
 * moved past the copied ids.
 */
function tablesInCopyOrder() {
  const tables = Object.values(pgSchema)
    .filter((value) => is(value, PgTable))
    .map((table) => getTableConfig(table as PgTable));
  const byName = new Map(tables.map((config) => [config.name, config]));
  const ordered: typeof tables = [];
  const visit = (config: (typeof tables)[number]) => {
    if (ordered.includes(config)) return;
    for (const key of config.foreignKeys) {
      const referenced = byName.get(getTableConfig(key.reference().foreignTable).name)!;
      if (referenced !== config) visit(referenced);
    }
    ordered.push(config);
  };
  tables.forEach(visit);
  return ordered.map((config) => ({
    name: config.name,
    columns: config.columns.map((column) => column.name),
    booleans: new Set(config.columns.filter((column) => column.columnType === "PgBoolean").map((column) => column.name)),
    bigints: new Set(config.columns.filter((column) => column.columnType === "PgBigInt53").map((column) => column.name)),
    identity: config.columns.find((column) => column.generatedIdentity !== undefined)?.name ?? null,
  }));
}

/** The first table of the target that holds a row, if any: a copy goes only into an empty database. */
async function firstNonEmptyTable(target: PgDb, tables: { name: string }[]) {
  for (const { name } of tables) {
    const { rows } = await target.$client.query(`SELECT EXISTS (SELECT 1 FROM "${name}") AS found`);
    if (rows[0].found) return name;
  }
  return null;
}

/**
 * Copies every table of the SQLite database into the (migrated, empty) PostgreSQL database, in one
 * PostgreSQL transaction: the target ends with all of it or none of it. The source is read in one
 * SQLite read transaction, so a server still writing to it yields a consistent snapshot. Rows go
 * over as stored, text byte for byte; escalation_tallies too, with its triggers off meanwhile.
 * SQLite keeps a fractional number in an integer column as it was given (the demo's history writes
 * some fractional milliseconds); bigint cannot hold one, so it is rounded to the nearest
 * millisecond and counted in `rounded`.
 */
export async function copySqliteToPg(source: Db, target: PgDb, rounded: Rounded = new Map()): Promise<TableCopy[]> {
  const tables = tablesInCopyOrder();
  const occupied = await firstNonEmptyTable(target, tables);
  if (occupied) throw new CopyRefused(`the target database is not empty: table ${occupied} has rows. Copy into a new, empty database.`);

  const client = await target.$client.connect();
  const copied: TableCopy[] = [];
  // The read connection: a read transaction on it is one snapshot for every table.
  const reader = sqliteConnection(source);
  reader.exec("BEGIN");
  try {
    await client.query("BEGIN");
    for (const [table, trigger] of tallyTriggers) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
    for (const table of tables) {
      const rows = reader.prepare(`SELECT ${table.columns.map((c) => `"${c}"`).join(", ")} FROM "${table.name}"`).raw().iterate() as IterableIterator<unknown[]>;
      const convert = table.columns.map((column): ((value: unknown) => unknown) | null => {
        if (table.booleans.has(column)) return (value) => (value === null ? null : value !== 0);
        if (!table.bigints.has(column)) return null;
        return (value) => {
          if (typeof value !== "number" || Number.isInteger(value)) return value;
          rounded.set(`${table.name}.${column}`, (rounded.get(`${table.name}.${column}`) ?? 0) + 1);
          return Math.round(value);
        };
      });
      const perStatement = Math.min(batchRows, Math.floor(maxParameters / table.columns.length));
      let batch: unknown[][] = [];
      let bytes = 0;
      let count = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        const values = batch.map((_, row) => `(${table.columns.map((_, column) => `$${row * table.columns.length + column + 1}`).join(", ")})`);
        await client.query(`INSERT INTO "${table.name}" (${table.columns.map((c) => `"${c}"`).join(", ")}) VALUES ${values.join(", ")}`, batch.flat());
        count += batch.length;
        batch = [];
        bytes = 0;
      };
      for (const row of rows) {
        batch.push(row.map((value, column) => (convert[column] ? convert[column](value) : value)));
        bytes += row.reduce<number>((sum, value) => sum + (typeof value === "string" ? value.length : 8), 0);
        if (batch.length >= perStatement || bytes >= batchBytes) await flush();
      }
      await flush();
      if (table.identity && count > 0) {
        await client.query(`SELECT setval(pg_get_serial_sequence('"${table.name}"', '${table.identity}'), (SELECT max("${table.identity}") FROM "${table.name}"))`);
      }
      copied.push({ table: table.name, rows: count });
    }
    for (const [table, trigger] of tallyTriggers) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
    await client.query("COMMIT");
    return copied;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
    reader.exec("COMMIT");
  }
}

/** How many rows each table of the PostgreSQL database holds. */
export async function pgRowCounts(target: PgDb): Promise<TableCopy[]> {
  const counts: TableCopy[] = [];
  for (const { name } of tablesInCopyOrder()) {
    const { rows } = await target.$client.query(`SELECT count(*) AS n FROM "${name}"`);
    counts.push({ table: name, rows: rows[0].n as number });
  }
  return counts;
}
