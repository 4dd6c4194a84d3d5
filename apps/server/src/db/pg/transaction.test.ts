import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { afterCommit, transaction } from "../transaction";
import { openPgDb, type PgDb } from "./client";
import { freshPgDatabase, skipWithoutPostgres } from "./test-database";

/*
 * The one transaction helper on PostgreSQL: what the domain's use cases rely on when they run on it.
 * A table of the test's own keeps the statements plain.
 */
describe.skipIf(skipWithoutPostgres())("transactions on PostgreSQL", () => {
  let db: PgDb;
  let drop: () => Promise<void>;
  const names = async () => ((await db.execute(sql`SELECT name FROM tx_probe ORDER BY name`)).rows as { name: string }[]).map((r) => r.name);
  const insert = (name: string) => db.execute(sql`INSERT INTO tx_probe (name) VALUES (${name})`);

  beforeAll(async () => {
    const database = await freshPgDatabase();
    drop = database.drop;
    db = await openPgDb(database.url, { max: 4 });
    await db.$client.query("CREATE TABLE tx_probe (name text PRIMARY KEY)");
  });
  afterAll(async () => {
    await db?.$client.end();
    await drop?.();
  });

  it("runs every statement of the body on one connection, unseen by other requests until it commits", async () => {
    let proceed!: () => void;
    const held = new Promise<void>((resolve) => (proceed = resolve));
    let inside: string[] = [];
    const running = transaction(db, async () => {
      await insert("a");
      await insert("b");
      inside = await names();
      await held;
    });
    // Another request, outside the transaction's scope, on another pooled connection.
    for (let i = 0; i < 100 && inside.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(inside).toEqual(["a", "b"]);
    expect(await names()).toEqual([]);
    proceed();
    await running;
    expect(await names()).toEqual(["a", "b"]);
  });

  it("rolls back all of it when the body throws, and tells nobody", async () => {
    const told: string[] = [];
    await expect(
      transaction(db, async () => {
        await insert("lost");
        afterCommit(() => told.push("lost"));
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await names()).not.toContain("lost");
    expect(told).toEqual([]);
  });

  it("makes a use case called by another a savepoint: a refusal inside rolls back only its own part", async () => {
    const told: string[] = [];
    await transaction(db, async () => {
      await insert("outer");
      afterCommit(() => told.push("outer"));
      await transaction(db, async () => {
        await insert("inner-kept");
      });
      await transaction(db, async () => {
        await insert("inner-refused");
        throw new Error("refused");
      }).catch(() => undefined);
      expect(told).toEqual([]);
    });
    expect(await names()).toEqual(expect.arrayContaining(["outer", "inner-kept"]));
    expect(await names()).not.toContain("inner-refused");
    expect(told).toEqual(["outer"]);
  });

  it("runs concurrent transactions each on a connection of its own, and gives every connection back", async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => transaction(db, async () => {
      await insert(`c${i}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await insert(`c${i}-second`);
    })));
    expect((await names()).filter((n) => n.startsWith("c"))).toHaveLength(24);
    expect(db.$client.totalCount).toBeGreaterThan(1);
    expect(db.$client.idleCount).toBe(db.$client.totalCount);
  });
});
