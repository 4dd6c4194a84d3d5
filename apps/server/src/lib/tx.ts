import type { Db, Tx } from "../db/client";

/**
 * One synchronous write transaction. IMMEDIATE takes the write lock up front, so the CLI
 * and the server (two processes on one file) never read the same audit head.
 */
export function write<T>(db: Db, body: (tx: Tx) => T): T {
  return db.transaction(body, { behavior: "immediate" });
}
