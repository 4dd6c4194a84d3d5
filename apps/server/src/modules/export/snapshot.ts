import { createHash, type Hash } from "node:crypto";
import type { Db } from "../../db/client";
import { openReadSnapshot, type ReadSnapshot } from "../../db/read-snapshot";

/**
 * A consistent read-only view of the database for one export (db/read-snapshot.ts): rows are
 * streamed over many event-loop turns while the server keeps writing, and every figure and line
 * of the pack reads the same moment, on SQLite and PostgreSQL alike.
 */
export type Snapshot = ReadSnapshot;

export function openSnapshot(db: Db): Snapshot {
  return openReadSnapshot(db);
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
export async function* jsonLines<T>(batches: AsyncIterable<T[]>, toLine: (row: T) => unknown, stats: FileStats, snapshot: Snapshot): AsyncGenerator<Buffer> {
  let pending = "";
  const flush = () => {
    const chunk = Buffer.from(pending, "utf8");
    pending = "";
    stats.hash.update(chunk);
    stats.bytes += chunk.length;
    return chunk;
  };
  for await (const rows of batches) {
    for (const row of rows) {
      if (snapshot.closed) return;
      pending += `${JSON.stringify(toLine(row))}\n`;
      stats.lines += 1;
      if (pending.length >= chunkBytes) yield flush();
    }
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
