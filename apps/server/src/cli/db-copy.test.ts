import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { openDb } from "../db/client";
import { freshPgDatabase, skipWithoutPostgres } from "../db/pg/test-database";
import { seedDemoIfEmpty } from "../demo/seed";
import { operator } from "../lib/context";
import { createSystem } from "../modules/systems/create-system";
import { countersign, useTempDatabase } from "./testing";

const temp = useTempDatabase();

/** Every row of a table, in a comparable form: columns by name (SQLite keeps them in the order migrations added them), booleans as SQLite keeps them (0/1), rows sorted. */
const comparable = (rows: Record<string, unknown>[]) =>
  rows
    .map((row) => JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => [key, typeof value === "boolean" ? Number(value) : value])))
    .sort();

describe.skipIf(skipWithoutPostgres())("countersign db copy --to postgres://…", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  // Seeding the demo takes most of it: about 100 s on a loaded 2-core machine.
  it("copies a seeded demo whole: every table's rows equal, the audit chain verifies on the copy, and a second copy into it is refused", async () => {
    const source = openDb(temp.dbPath);
    await seedDemoIfEmpty({ db: source, now: Date.now }, temp.dbPath);
    const target = await freshPgDatabase();
    cleanup.push(target.drop);

    const run = await countersign(["--db", temp.dbPath, "db", "copy", "--to", target.url]);
    expect(run.stderr).not.toContain("error");
    // The demo writes whole milliseconds only: nothing needs rounding on the way to bigint columns.
    expect(run.stderr).not.toMatch(/fractional milliseconds/);
    expect(run.code).toBe(0);
    const entries = source.$client.prepare("SELECT count(*) FROM audit_log").pluck().get() as number;
    expect(entries).toBeGreaterThan(1000);
    expect(run.stdout).toContain(`audit chain on the copy verified: ${entries} entries`);
    expect(run.stdout).toMatch(/signed checkpoints on the copy verified under the source's signing key: [1-9]/);

    const copy = new pg.Client({ connectionString: target.url, types: { getTypeParser: (oid: number, format?: "text" | "binary") => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) } as never });
    await copy.connect();
    cleanup.push(() => copy.end());
    const tables = source.$client
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
      .pluck()
      .all() as string[];
    for (const table of tables) {
      const integers = new Set(source.$client.prepare("SELECT name FROM pragma_table_info(?) WHERE lower(type) = 'integer'").pluck().all(table) as string[]);
      const rows = (source.$client.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]).map((row) =>
        Object.fromEntries(Object.entries(row).map(([key, value]) => [key, integers.has(key) && typeof value === "number" ? Math.round(value) : value])),
      );
      const copied = (await copy.query(`SELECT * FROM "${table}"`)).rows;
      expect({ table, rows: comparable(copied) }).toEqual({ table, rows: comparable(rows) });
    }
    source.$client.close();

    const again = await countersign(["--db", temp.dbPath, "db", "copy", "--to", target.url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/the target database is not empty: table \w+ has rows/);
  }, 600_000);

  it("says the chain does not verify, and exits 1, when the source's audit log was altered behind the triggers' back", async () => {
    const source = openDb(temp.dbPath);
    for (const slug of ["refund-triage", "kyc-document-check", "claims"]) await createSystem({ db: source, now: Date.now }, operator, { slug, name: slug, oversightMode: "HOTL" });
    source.$client.exec("DROP TRIGGER audit_log_no_update");
    source.$client.prepare("UPDATE audit_log SET payload = '{}' WHERE seq = 2").run();
    source.$client.close();
    const target = await freshPgDatabase();
    cleanup.push(target.drop);

    const run = await countersign(["--db", temp.dbPath, "db", "copy", "--to", target.url]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the audit chain on the copy does NOT verify: entry seq 2 fails: its content does not match its hash");
  });

  it("refuses a target that is not a PostgreSQL URL", async () => {
    openDb(temp.dbPath).$client.close();
    const run = await countersign(["--db", temp.dbPath, "db", "copy", "--to", join(temp.dir, "other.db")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("--to must be a postgres:// or postgresql:// URL");
  });
});
