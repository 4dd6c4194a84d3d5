import type { Db, Tx } from "../db/client";
import { checkpointIfManyUnsigned, manyUnsigned } from "../audit/checkpoint";
import { log } from "./logger";

/**
 * One synchronous write transaction. IMMEDIATE takes the write lock up front, so the CLI
 * and the server (two processes on one file) never read the same audit head. Once it has
 * committed, the log is signed if enough entries wait for a checkpoint; a failure to sign is
 * logged and left to the next sweep, never turned into a failed write.
 */
export function write<T>(db: Db, body: (tx: Tx) => T): T {
  const outermost = committed === null;
  if (outermost) committed = [];
  let result: T;
  let then: (() => void)[] = [];
  let signingDue = false;
  try {
    result = db.transaction(
      (tx) => {
        const value = body(tx);
        // Asked inside the transaction: outside it, the two reads would each open a read transaction.
        if (outermost) signingDue = manyUnsigned(db);
        return value;
      },
      { behavior: "immediate" },
    );
  } finally {
    if (outermost) {
      then = committed ?? [];
      committed = null;
    }
  }
  try {
    if (signingDue) checkpointIfManyUnsigned(db);
  } catch (error) {
    log.error({ err: error, job: "checkpoint" }, "could not sign the audit log's head; the next sweep retries");
  }
  for (const run of then) run();
  return result;
}

/** What runs once the current write has committed; a rolled-back write drops it. */
let committed: (() => void)[] | null = null;

/**
 * Runs `run` after the write in progress commits (at once outside a write): whoever waits for a
 * change must never be told of one that then rolls back.
 */
export function afterCommit(run: () => void) {
  if (committed) committed.push(run);
  else run();
}
