import { describe, expect, it } from "vitest";
import { testEngine } from "../../db/pg/test-database";
import { testDeps } from "../../testing/fixtures";

/** The tables the retention purge deletes rows from (purge.ts). */
const purgedTables = ["verifications", "judgements", "evidence_openings", "resolutions", "reopenings"];

describe.skipIf(testEngine() === "postgres")("the retention purge's deletes", () => {
  it("every foreign key into a table the purge deletes from leads an index: deleting a row never scans the tables that may name it", () => {
    const { deps } = testDeps();
    const db = deps.db.$client;
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    const unindexed: string[] = [];
    for (const table of tables) {
      const keys = db.prepare("SELECT \"table\" AS parent, \"from\" AS column FROM pragma_foreign_key_list(?)").all(table) as { parent: string; column: string }[];
      const leading = new Set(
        (db.prepare("SELECT name FROM pragma_index_list(?)").pluck().all(table) as string[]).map(
          (index) => (db.prepare("SELECT name FROM pragma_index_info(?) WHERE seqno = 0").pluck().get(index) as string),
        ),
      );
      for (const { parent, column } of keys) if (purgedTables.includes(parent) && !leading.has(column)) unindexed.push(`${table}.${column} → ${parent}`);
    }
    db.close();
    expect(unindexed).toEqual([]);
  });
});
