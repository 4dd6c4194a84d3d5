import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { Db } from "./client";
import { openPgReadSnapshot } from "./pg/read-snapshot";
import * as schema from "./schema/index";
import { engineOf } from "./transaction";

/**
 * A consistent read-only view of the database, for reading a large export over many event-loop
 * turns while the server keeps writing: every statement through `db` and every `stream` sees the
 * database as it was when the snapshot opened. SQLite: a read transaction on a connection of its
 * own. PostgreSQL: a REPEATABLE READ READ ONLY transaction on a pooled connection of its own, rows
 * streamed through a cursor. An in-memory SQLite database has no second connection: rows are read
 * whole there (a demo or a test, never a million rows).
 */
export type ReadSnapshot = {
  /** Statements (`statement(snapshot.db, …)`, drizzle) read the snapshot; it never writes. */
  db: Db;
  /** The rows of one query (`:name` parameters), in batches (PostgreSQL: a cursor's fetch; SQLite: one row), holding one batch at a time. */
  stream<T>(text: string, params: Record<string, unknown>): AsyncIterable<T[]>;
  close(): Promise<void>;
  readonly closed: boolean;
};

export function openReadSnapshot(db: Db): ReadSnapshot {
  if (engineOf(db) === "postgres") return openPgReadSnapshot(db) as unknown as ReadSnapshot;
  const path = db.$client.name;
  if (path === ":memory:" || path === "") {
    return {
      db,
      stream: async function* <T>(text: string, params: Record<string, unknown>) {
        yield db.$client.prepare(text).all(params) as T[];
      },
      close: async () => {},
      closed: false,
    };
  }
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  sqlite.exec("BEGIN");
  sqlite.prepare("SELECT count(*) FROM audit_log").get(); // the read transaction's snapshot starts here
  let closed = false;
  return {
    db: drizzle(sqlite, { schema }) as unknown as Db,
    // Row by row: a row can hold a megabyte of AI output, and reading on SQLite costs no round trip.
    stream: async function* <T>(text: string, params: Record<string, unknown>) {
      for (const row of sqlite.prepare(text).iterate(params) as IterableIterator<T>) {
        if (closed) return;
        yield [row];
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      sqlite.close();
    },
    get closed() {
      return closed;
    },
  };
}
