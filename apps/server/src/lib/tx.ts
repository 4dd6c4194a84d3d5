import type { Db, Tx } from "../db/client";
import { checkpointIfManyUnsigned } from "../modules/audit/checkpoint";
import { log } from "./logger";

/**
 * One synchronous write transaction. IMMEDIATE takes the write lock up front, so the CLI
 * and the server (two processes on one file) never read the same audit head. Once it has
 * committed, the log is signed if enough entries wait for a checkpoint; a failure to sign is
 * logged and left to the next sweep, never turned into a failed write.
 */
export function write<T>(db: Db, body: (tx: Tx) => T): T {
  const result = db.transaction(body, { behavior: "immediate" });
  try {
    checkpointIfManyUnsigned(db);
  } catch (error) {
    log.error({ err: error, job: "checkpoint" }, "could not sign the audit log's head; the next sweep retries");
  }
  return result;
}
