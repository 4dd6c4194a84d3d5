import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = join(dirname(fileURLToPath(import.meta.url)), "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/*
 * On PostgreSQL the code's SQL runs as named prepared statements. If a migration run by a newer
 * instance adds a column while an older one keeps running (a rolling upgrade), a statement of the
 * older one whose result is `SELECT *` or `RETURNING *` fails with "cached plan must not change
 * result type" until its connections close. A `*` inside a subquery or CTE, or over one
 * (`SELECT * FROM (…)`), is fine: the columns are still named where they come from a table.
 */
describe("the server's SQL", () => {
  it("names the columns of every result: no statement begins SELECT * or ends RETURNING *", () => {
    const found = sourceFiles(src).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/(["'`]\s*SELECT\s+\*(?!\s+FROM\s*\()|RETURNING\s+\*)/gi)].map((match) => `${relative(src, file)}: ${match[0].trim()}`),
    );
    expect(found).toEqual([]);
  });
});
