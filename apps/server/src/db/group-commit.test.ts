import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "./client";
import { testEngine } from "./pg/test-database";
import { afterCommit, transaction } from "./transaction";

let path: string;
let db: Db;

beforeEach(() => {
  path = join(mkdtempSync(join(tmpdir(), "countersign-group-")), "test.db");
  db = openDb(path);
  db.$client.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  db.$client.exec("CREATE TABLE parents (id INTEGER PRIMARY KEY)");
  db.$client.exec("CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parents(id))");
  // Every commit stays in the WAL, where the test counts them.
  db.$client.pragma("wal_autocheckpoint = 0");
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
});

afterEach(() => db.$client.close());

/** Commit frames in the WAL: each COMMIT that wrote anything, i.e. each sync to disk. */
function commitsInWal() {
  const wal = readFileSync(`${path}-wal`);
  const pageSize = wal.readUInt32BE(8);
  let commits = 0;
  for (let frame = 32; frame + 24 <= wal.length; frame += 24 + pageSize) if (wal.readUInt32BE(frame + 4) !== 0) commits++;
  return commits;
}

/** What another process sees: only what has committed. */
function committedNotes(): string[] {
  const other = new Database(path, { readonly: true });
  try {
    return (other.prepare("SELECT body FROM notes ORDER BY id").pluck().all() as string[]);
  } finally {
    other.close();
  }
}

const note = (body: string) => transaction(db, async () => void db.$client.prepare("INSERT INTO notes (body) VALUES (?)").run(body));

describe.skipIf(testEngine() === "postgres")("SQLite writes that arrive together share a commit", () => {
  it("twenty writes waiting for their turn commit together, each answered only once it is on disk", async () => {
    const bodies = Array.from({ length: 20 }, (_, i) => `note ${i}`);
    const seenWhenAnswered: number[] = [];
    await Promise.all(bodies.map(async (body) => {
      await note(body);
      seenWhenAnswered.push(committedNotes().length);
    }));
    expect(committedNotes()).toEqual(bodies);
    // Every write was answered after the commit that holds all of them.
    expect(seenWhenAnswered.every((seen) => seen === 20)).toBe(true);
    // One sync for all of them, or a few on a slow machine: never one each.
    expect(commitsInWal()).toBeLessThan(5);
  });

  it("a write alone commits at once, as a transaction of its own", async () => {
    await note("alone");
    expect(committedNotes()).toEqual(["alone"]);
    expect(commitsInWal()).toBe(1);
    expect(db.$client.inTransaction).toBe(false);
  });

  it("a write that fails in a shared commit takes back only its own changes, and only it is told of a failure", async () => {
    const failing = transaction(db, async () => {
      db.$client.prepare("INSERT INTO notes (body) VALUES (?)").run("rolled back");
      throw new Error("refused by its own rule");
    });
    const results = await Promise.allSettled([note("before"), failing, note("after")]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe("refused by its own rule");
    expect(committedNotes()).toEqual(["before", "after"]);
    expect(commitsInWal()).toBe(1);
  });

  it("the write that opens a transaction runs in it directly: no savepoint journals the pages it touches", async () => {
    // A savepoint copies each page it touches first into its journal: a batch intake's CPU per row
    // grew 40–80% under one. Only writes that join an open transaction need theirs.
    let released: unknown;
    await transaction(db, async () => {
      db.$client.prepare("INSERT INTO notes (body) VALUES (?)").run("alone");
      try {
        db.$client.exec("RELEASE member");
      } catch (error) {
        released = error;
      }
    });
    expect(String(released)).toMatch(/no such savepoint/);
    expect(committedNotes()).toEqual(["alone"]);
  });

  it("when the write that opened the transaction fails, it alone is rolled back and the writes behind it commit", async () => {
    const failing = transaction(db, async () => {
      db.$client.prepare("INSERT INTO notes (body) VALUES (?)").run("rolled back");
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error("refused by its own rule");
    });
    const results = await Promise.allSettled([failing, note("second"), note("third")]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect((results[0] as PromiseRejectedResult).reason.message).toBe("refused by its own rule");
    expect(committedNotes()).toEqual(["second", "third"]);
    expect(db.$client.inTransaction).toBe(false);
  });

  it("what waits for a commit runs after the shared commit, and never for a write that rolled back", async () => {
    const heard: string[] = [];
    const tell = (body: string, fail = false) =>
      transaction(db, async () => {
        db.$client.prepare("INSERT INTO notes (body) VALUES (?)").run(body);
        afterCommit(() => heard.push(`${body} (${committedNotes().length} committed)`));
        if (fail) throw new Error("no");
      });
    await Promise.allSettled([tell("a"), tell("b", true), tell("c")]);
    expect(heard).toEqual(["a (2 committed)", "c (2 committed)"]);
  });

  it("work a write left running never lands in the next write sharing its commit", async () => {
    let leftover: Promise<PromiseSettledResult<unknown>> | undefined;
    const careless = transaction(db, async () => {
      db.$client.prepare("INSERT INTO notes (body) VALUES (?)").run("careless");
      // Started by the body, not awaited: it runs once the body has ended, while the next write runs.
      const late = new Promise((resolve) => setImmediate(resolve)).then(() => db.run(sql`INSERT INTO notes (body) VALUES ('leftover')`));
      leftover = Promise.allSettled([late]).then(([settled]) => settled!);
    });
    const next = transaction(db, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      db.$client.prepare("INSERT INTO notes (body) VALUES (?)").run("next");
    });
    await Promise.all([careless, next]);
    // Outside any transaction it runs on the read-only connection, and fails.
    const settled = await leftover!;
    expect(settled.status).toBe("rejected");
    expect(String((settled as PromiseRejectedResult).reason.cause)).toMatch(/readonly/);
    expect(committedNotes()).toEqual(["careless", "next"]);
  });

  it("when the shared COMMIT fails, every write in it gets the error and none is kept", async () => {
    // A foreign key checked only at COMMIT: the one way here for a COMMIT itself to fail.
    const orphan = transaction(db, async () => {
      db.$client.pragma("defer_foreign_keys = ON");
      db.$client.prepare("INSERT INTO children (id, parent_id) VALUES (1, 42)").run();
    });
    const results = await Promise.allSettled([note("first"), orphan, note("third")]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(committedNotes()).toEqual([]);
    // The next write starts afresh.
    await note("later");
    expect(committedNotes()).toEqual(["later"]);
  });
});
