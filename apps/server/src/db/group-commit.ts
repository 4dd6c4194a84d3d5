import type Database from "better-sqlite3";
import type { TransactionDriver } from "./transaction";

/**
 * How long a shared transaction stays open for the writes that queue behind it. A write's answer
 * waits for the commit, so this bounds what sharing adds to its latency (beyond the writes it
 * waits behind anyway: SQLite has one writer).
 */
export const groupWindowMs = 10;

type Group = {
  openedAt: number;
  /** Settles when the shared transaction has committed (or failed to): each member's answer waits for it. */
  committed: Promise<void>;
  settle: (error?: unknown) => void;
  /** Why the shared transaction can no longer commit: SQLite rolled all of it back. */
  broken?: unknown;
};

/**
 * SQLite's write transactions, one at a time, sharing commits. Each transaction runs alone, in
 * arrival order, as a savepoint of one IMMEDIATE transaction; when it ends and others already wait
 * for their turn, the next runs in the same transaction instead of waiting for a commit. The
 * transaction commits once nobody waits or it has been open `groupWindowMs`: one sync to disk then
 * serves every write in it. Each write's caller is answered only after that commit (synchronous=FULL:
 * it is on disk), so what is acknowledged is as durable as with a commit of its own; a write that
 * fails rolls back its savepoint only, and one answered with an error never committed. Alone (no
 * one waiting), a write is the plain BEGIN … COMMIT it always was.
 */
export function groupCommitDriver(writer: Database.Database): TransactionDriver {
  const begin = writer.prepare("BEGIN IMMEDIATE");
  const commit = writer.prepare("COMMIT");
  const rollback = writer.prepare("ROLLBACK");
  const enter = writer.prepare("SAVEPOINT member");
  const leave = writer.prepare("RELEASE member");
  const undo = writer.prepare("ROLLBACK TO member");

  const queue: (() => void)[] = [];
  let busy = false;
  let group: Group | undefined;
  const take = () =>
    new Promise<void>((resolve) => {
      if (busy) queue.push(resolve);
      else {
        busy = true;
        resolve();
      }
    });
  const pass = () => {
    const next = queue.shift();
    if (next) next();
    else busy = false;
  };

  /** A member's turn has ended: let the next one in, or commit. */
  const finish = () => {
    const open = group!;
    if (open.broken === undefined && queue.length > 0 && performance.now() - open.openedAt < groupWindowMs) return pass();
    group = undefined;
    try {
      if (open.broken !== undefined) throw open.broken;
      commit.run();
      open.settle();
    } catch (error) {
      // A failed COMMIT leaves the transaction open; SQLite may also have ended it already.
      try {
        if (writer.inTransaction) rollback.run();
      } finally {
        open.settle(error ?? new Error("the shared transaction rolled back"));
      }
    } finally {
      pass();
    }
  };

  /** The write that opened the transaction failed before any other joined: the whole of it goes. */
  const rollBackAlone = (open: Group) => {
    group = undefined;
    try {
      if (writer.inTransaction) rollback.run();
    } finally {
      open.settle(new Error("the transaction rolled back"));
      pass();
    }
  };

  return {
    engine: "sqlite",
    async begin() {
      await take();
      // The write that opens the transaction runs in it directly: nothing else is in it until this
      // write ends, so a failure rolls all of it back. Only the writes that join keep a savepoint,
      // whose journal copies every page they touch first (a batch intake's CPU per row grew 40–80%).
      let first = false;
      try {
        if (group) enter.run();
        else {
          begin.run();
          group = openGroup();
          first = true;
        }
      } catch (error) {
        if (group) finish();
        else pass();
        throw error;
      }
      const shared = group;
      let ended = false;
      return {
        connection: writer,
        commit: async () => {
          if (!first) leave.run();
          ended = true;
          finish();
          await shared.committed;
        },
        rollback: async () => {
          // After it ended the write belongs to the shared commit, whose failure it already had.
          if (ended) return;
          ended = true;
          if (first) return rollBackAlone(shared);
          try {
            if (!writer.inTransaction) throw new Error("the shared transaction was rolled back by a failed statement");
            undo.run();
            leave.run();
          } catch (error) {
            // What the others wrote before it is gone, or in a state nobody can vouch for: none of it commits.
            shared.broken = error;
          } finally {
            finish();
          }
        },
      };
    },
    async exec(connection, sql) {
      (connection as Database.Database).exec(sql);
    },
  };
}

function openGroup(): Group {
  let settle!: (error?: unknown) => void;
  const committed = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error));
  });
  // Members that ended in a rollback never wait for it.
  committed.catch(() => undefined);
  return { openedAt: performance.now(), committed, settle };
}
