import { createHash, type Hash } from "node:crypto";
import Database, { type Statement } from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { Db } from "../../db/client";
import * as schema from "../../db/schema/index";

/**
 * A consistent read-only view of the database for one export: its own connection with a read
 * transaction open, so rows can be streamed over many event-loop turns while the server keeps
 * writing on its own connection. An in-memory database has no second connection: rows are read
 * whole there (a demo or a test, never a million rows).
 */
export type Snapshot = {
  db: Db;
  rows<T>(statement: Statement, params?: Record<string, unknown>): Iterable<T>;
  close(): void;
  readonly closed: boolean;
};

export function openSnapshot(db: Db): Snapshot {
  const path = db.$client.name;
  if (path === ":memory:" || path === "") {
    return {
      db,
      rows: <T>(statement: Statement, params = {}) => statement.all(params) as T[],
      close: () => {},
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
    rows: <T>(statement: Statement, params = {}) => statement.iterate(params) as IterableIterator<T>,
    close: () => {
      if (closed) return;
      closed = true;
      sqlite.close();
    },
    get closed() {
      return closed;
    },
  };
}

/** SHA-256, size and line count of one file of the pack, measured as its bytes go out. */
export type FileStats = { name: string; hash: Hash; bytes: number; lines: number; sha256?: string };

export function fileStats(name: string): FileStats {
  return { name, hash: createHash("sha256"), bytes: 0, lines: 0 };
}

export function finish(stats: FileStats): FileStats & { sha256: string } {
  stats.sha256 ??= stats.hash.digest("hex");
  return stats as FileStats & { sha256: string };
}

const chunkBytes = 64 * 1024;

/** JSON Lines in chunks of about 64 KiB, hashed and counted on the way out. */
export function* jsonLines<T>(rows: Iterable<T>, toLine: (row: T) => unknown, stats: FileStats, snapshot: Snapshot): Generator<Buffer> {
  let pending = "";
  const flush = () => {
    const chunk = Buffer.from(pending, "utf8");
    pending = "";
    stats.hash.update(chunk);
    stats.bytes += chunk.length;
    return chunk;
  };
  for (const row of rows) {
    if (snapshot.closed) return;
    pending += `${JSON.stringify(toLine(row))}\n`;
    stats.lines += 1;
    if (pending.length >= chunkBytes) yield flush();
  }
  if (pending.length > 0) yield flush();
  finish(stats);
}

/** A file built whole (the report, the summary, the manifest), hashed the same way. */
export function wholeFile(text: string, stats: FileStats): Buffer {
  const buffer = Buffer.from(text, "utf8");
  stats.hash.update(buffer);
  stats.bytes = buffer.length;
  stats.lines = text.length === 0 ? 0 : text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  finish(stats);
  return buffer;
}
