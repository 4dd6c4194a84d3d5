import { transaction, type Db, type Tx } from "../db/client";
import { afterCommit } from "../db/transaction";
import { appendedHead, holdTheLog, takingTheLog } from "../audit/append";
import { checkpointIfManyUnsigned, checkpointSettings } from "../audit/checkpoint";
import { log } from "./logger";

export { afterCommit };

/**
 * One write transaction (see db/transaction.ts: serialised IMMEDIATE on SQLite, so the CLI and the
 * server, two processes on one file, never read the same audit head). Before it commits, the log is
 * signed if enough entries wait for a checkpoint — in the same transaction, so signing adds no sync
 * to disk; a failure to sign is logged and left to the next sweep, never turned into a failed write,
 * and the witness hears of a checkpoint only once it has committed.
 */
export function write<T>(db: Db, body: (tx: Tx) => T | Promise<T>): Promise<T> {
  return transaction(db, async (tx) => {
    // On PostgreSQL every write first takes the audit log's lock (SQLite's writers already take
    // turns): writers then lock rows in one order, after the log, and never deadlock — a claim
    // holding an item while waiting for the log, say, against an expiry holding the log and
    // reaching for that item. Reads stay concurrent. A write of its own sends the lock with its
    // BEGIN (takingTheLog); one inside another transaction takes it here, if not already held.
    await holdTheLog(tx);
    const value = await body(tx);
    // Also at the end of a write inside another (the demo's history is one transaction of thousands).
    // A write that appended nothing leaves the log as the write before it left it, which checked.
    const head = appendedHead(tx);
    if (head !== undefined) await signIfDue(db, head);
    return value;
  }, takingTheLog);
}

async function signIfDue(db: Db, head: number) {
  try {
    await checkpointIfManyUnsigned(db, Date.now(), (checkpoint) => afterCommit(() => checkpointSettings(db).onCheckpoint?.(checkpoint)), head);
  } catch (error) {
    log.error({ err: error, job: "checkpoint" }, "could not sign the audit log's head; the next sweep retries");
  }
}
