import type { Db, Tx } from "../db/client";
import { checkpointIfManyUnsigned, checkpointSettings } from "../audit/checkpoint";
import { log } from "./logger";

/**
 * One synchronous write transaction. IMMEDIATE takes the write lock up front, so the CLI
 * and the server (two processes on one file) never read the same audit head. Before it commits,
 * the log is signed if enough entries wait for a checkpoint — in the same transaction, so signing
 * adds no sync to disk; a failure to sign is logged and left to the next sweep, never turned into a
 * failed write, and the witness hears of a checkpoint only once it has committed.
 */
export function write<T>(db: Db, body: (tx: Tx) => T): T {
  const outermost = committed === null;
  if (outermost) committed = [];
  let result: T;
  let then: (() => void)[] = [];
  try {
    result = db.transaction(
      (tx) => {
        const value = body(tx);
        if (outermost) signIfDue(db);
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
  for (const run of then) run();
  return result;
}

function signIfDue(db: Db) {
  try {
    checkpointIfManyUnsigned(db, Date.now(), (checkpoint) => afterCommit(() => checkpointSettings(db).onCheckpoint?.(checkpoint)));
  } catch (error) {
    log.error({ err: error, job: "checkpoint" }, "could not sign the audit log's head; the next sweep retries");
  }
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
