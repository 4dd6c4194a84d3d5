/*
 * The append-only tables on PostgreSQL: the same refusals, in the same words, as the SQLite
 * triggers of drizzle/0001, 0006 and 0022, as PL/pgSQL. TRUNCATE skips row triggers on
 * PostgreSQL (SQLite has no TRUNCATE), so a table whose rows may not be deleted refuses it too.
 * The custom migration drizzle-pg/0001_append_only.sql is exactly this text (a test checks it).
 */

type AppendOnlyTable = {
  table: string;
  /** Only these columns are protected (checkpoints: the witness delivery time may be set later). */
  columns?: string[];
  update: string;
  /** Null: rows may be deleted (a user's acknowledgements go with the user). */
  delete: string | null;
};

export const appendOnlyTables: AppendOnlyTable[] = [
  {
    table: "audit_log",
    update: "audit_log is append-only: UPDATE is not allowed",
    delete: "audit_log is append-only: DELETE is not allowed",
  },
  {
    table: "checkpoints",
    columns: ["seq", "size", "head", "at", "signature", "key_id"],
    update: "checkpoints are append-only: UPDATE is not allowed",
    delete: "checkpoints are append-only: DELETE is not allowed",
  },
  {
    table: "instructions_for_use",
    update: "instructions_for_use is append-only: record a new version",
    delete: "instructions_for_use is append-only: record a new version",
  },
  { table: "monitoring_acknowledgements", update: "monitoring_acknowledgements is append-only", delete: null },
];

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

const refuse = (name: string, event: string, table: string, level: "ROW" | "STATEMENT", message: string) =>
  `CREATE TRIGGER ${name} BEFORE ${event} ON ${table} FOR EACH ${level} EXECUTE FUNCTION countersign_refuse_change(${literal(message)});`;

export const appendOnlySql = [
  // restrict_violation (23001): an integrity rule refused the statement, as SQLite's RAISE(ABORT) in a trigger does.
  `CREATE FUNCTION countersign_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = TG_ARGV[0];
END;
$$;`,
  ...appendOnlyTables.flatMap(({ table, columns, update, delete: deletion }) => [
    refuse(`${table}_no_update`, columns ? `UPDATE OF ${columns.join(", ")}` : "UPDATE", table, "ROW", update),
    ...(deletion === null
      ? []
      : [
          refuse(`${table}_no_delete`, "DELETE", table, "ROW", deletion),
          refuse(`${table}_no_truncate`, "TRUNCATE", table, "STATEMENT", deletion.replace("DELETE", "TRUNCATE")),
        ]),
  ]),
];
