import type { Logger } from "./logger";

/**
 * Background work (lease expiry, overdue and drift sweeps, checkpoints and witness delivery, the
 * retention schedule, webhook and notification delivery) runs in one process of an instance at a
 * time: the leader. Several processes on one PostgreSQL database compete for a lock (db/pg/leader.ts);
 * the others try again every few seconds and take over when the leader's session ends. On SQLite
 * an instance is one process, which always leads.
 */
export type LeaderLock = {
  tryTake(): Promise<boolean>;
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
};

/** The lock of an instance that is a single process: it always leads. */
export const soleProcess: LeaderLock = { tryTake: async () => true, stillHeld: async () => true, release: async () => undefined };

export type Leadership = {
  isLeader(): boolean;
  /** Stops the work if leading, and gives leadership up so another process takes it at its next try. */
  stop(): Promise<void>;
};

/**
 * Runs `start` (which returns how to stop what it started) while this process holds `lock`,
 * checking every `everyMs` that it still does, or, when another process leads, whether it can take
 * over. The first try is made at once.
 */
export function lead(lock: LeaderLock, start: () => () => void, options: { everyMs: number; log: Logger }): Leadership {
  let stopWork: (() => void) | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const step = async () => {
    try {
      if (stopWork) {
        if (await lock.stillHeld()) return;
        stopWork?.();
        stopWork = null;
        options.log.warn("lost the lead of background work (its database session ended); another process takes over");
      } else if (await lock.tryTake()) {
        if (stopped) return void (await lock.release());
        stopWork = start();
        options.log.info("leading background work: lease expiry, sweeps, checkpoints, witness, retention, webhooks, notifications");
      }
    } catch (err) {
      options.log.warn({ err }, "could not reach the database to take or keep the lead of background work; retrying");
    }
  };
  const loop = async () => {
    await step();
    if (!stopped) timer = setTimeout(() => void loop(), options.everyMs);
  };
  void loop();
  return {
    isLeader: () => stopWork !== null,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      stopWork?.();
      stopWork = null;
      await lock.release();
    },
  };
}
