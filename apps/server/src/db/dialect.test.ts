import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDb, type Db } from "./client";
import { dialectOf } from "./dialect";
import { pgTestDb, skipWithoutPostgres } from "./pg/test-database";
import { quoteCamelCaseAliases } from "./pg/sqlite-compat";

/** Each expression of the dialect gives the same answer on both engines. */
async function answers(db: Db) {
  const d = dialectOf(db);
  const policy = `'{"leaseMinutes":15,"judgementFirst":true,"name":"Zoë"}'`;
  const authority = `'["review","stop"]'`;
  const text = `SELECT ${d.jsonNumber(policy, "leaseMinutes")} * 2 AS "doubled", ${d.jsonText(policy, "name")} AS "name",
            CASE WHEN ${d.jsonBool(policy, "judgementFirst")} THEN 'yes' ELSE 'no' END AS "judgementFirst",
            ${d.jsonNumber(policy, "missing")} AS "missing",
            CASE WHEN ${d.jsonArrayHas(authority, "'stop'")} THEN 1 ELSE 0 END AS "holdsStop",
            CASE WHEN ${d.jsonArrayHas(authority, "@authority@")} THEN 1 ELSE 0 END AS "holdsOverride",
            ${d.jsonArrayLength(authority)} AS "authorities",
            (SELECT count(*) FROM (SELECT 'a' AS v UNION ALL SELECT 'b' UNION ALL SELECT 'c') t WHERE v ${d.inJsonList("@list@")}) AS "listed",
            ${d.utcDay("1795338000123")} AS "day",
            ${d.isoToEpochMs("'2026-11-22T09:00:00.250Z'")} AS "epochMs",
            ${d.greatest("3", "5")} AS "greatest", ${d.least("3", "5")} AS "least",
            ${d.boolInt("1 < 2")} AS "yes", ${d.boolInt("1 > 2")} AS "no", ${d.boolInt("NULL = 1")} AS "unknown",
            ${d.utcWeekStart("1767139200000")} AS "weekStart", ${d.utcIsoWeek("1767139200000")} AS "isoWeek",
            ${d.utcMonthStart("1795338000123")} AS "monthStart", ${d.utcMonth("1795338000123")} AS "month",
            ${d.isoToEpochSeconds("'2026-11-22T09:00:00.750Z'")} AS "epochSeconds",
            (SELECT v FROM (SELECT 'b' AS v UNION ALL SELECT 'B' UNION ALL SELECT 'a') t ORDER BY ${d.bytewise("v")} LIMIT 1) AS "firstBytewise",
            (SELECT ${d.jsonGroupArray(d.jsonObject("'n', n, 'v', v"), "n DESC")} FROM (SELECT 1 AS n, 'a' AS v UNION ALL SELECT 2, 'b') t) AS "grouped",
            (SELECT ${d.jsonGroupArray("n", "n")} FROM (SELECT 1 AS n) t WHERE n > 1) AS "groupedNone"`;
  // The parameters as drizzle binds them on each engine.
  const values: Record<string, string> = { authority: "override", list: JSON.stringify(["a", "c"]) };
  const parts = text.split(/@(\w+)@/).map((part, i) => (i % 2 === 1 ? sql`${values[part]}` : sql.raw(part)));
  const row = (await db.get(sql.join(parts))) as Record<string, unknown>;
  // JSON text's spacing differs by engine: what it says does not.
  return { ...row, grouped: JSON.parse(row.grouped as string) as unknown, groupedNone: JSON.parse(row.groupedNone as string) as unknown };
}

const expected = {
  doubled: 30,
  name: "Zoë",
  judgementFirst: "yes",
  missing: null,
  holdsStop: 1,
  holdsOverride: 0,
  authorities: 2,
  listed: 2,
  day: "2026-11-22",
  epochMs: 1795338000250,
  greatest: 5,
  least: 3,
  yes: 1,
  no: 0,
  unknown: null,
  // 2025-12-31 (a Wednesday) is in ISO week 1 of 2026, which starts on Monday 2025-12-29.
  weekStart: "2025-12-29",
  isoWeek: "2026-W01",
  monthStart: "2026-11-01",
  month: "2026-11",
  epochSeconds: 1795338000,
  firstBytewise: "B",
  grouped: [{ n: 2, v: "b" }, { n: 1, v: "a" }],
  groupedNone: [],
};

describe("the SQL both engines write differently", () => {
  it("answers alike on SQLite", async () => {
    expect(await answers(openDb(":memory:"))).toEqual(expected);
  });

  describe.skipIf(skipWithoutPostgres())("and on PostgreSQL", () => {
    it("answers alike", async () => {
      expect(await answers(pgTestDb() as unknown as Db)).toEqual(expected);
    });
  });

  it("quotes camelCase aliases for PostgreSQL, and nothing else", () => {
    expect(quoteCamelCaseAliases(`SELECT a AS requestHash, CAST(b AS INTEGER), c AS plain, 'x AS notThis' AS "kept" FROM t`)).toBe(
      `SELECT a AS "requestHash", CAST(b AS INTEGER), c AS plain, 'x AS notThis' AS "kept" FROM t`,
    );
  });
});
