import pg from "pg";

/**
 * PostgreSQL's part of leadership among an instance's server processes: a session advisory lock
 * on a connection of its own, outside the pool. PostgreSQL releases the lock when that session
 * ends — the process stopped, was killed, or lost the database — so another process can take it.
 */
export type PgLeaderLock = {
  /** Takes the lock if it is free (true), or says another session holds it (false); throws when the database cannot be reached. */
  tryTake(): Promise<boolean>;
  /** Whether the session that holds the lock is still alive (a lock held by a dead session is gone). */
  stillHeld(): Promise<boolean>;
  /** Ends the session, releasing the lock at once. */
  release(): Promise<void>;
};

/** The advisory lock key of background-work leadership (any constant the instance uses for nothing else). */
const leaderLock = 0x4c45_4144; // "LEAD"

export function pgLeaderLock(url: string, options: { queryTimeoutMs?: number } = {}): PgLeaderLock {
  let session: pg.Client | null = null;
  let lost = false;
  const end = async () => {
    const ending = session;
    session = null;
    await ending?.end().catch(() => undefined);
  };
  const connected = async () => {
    if (session && !lost) return session;
    await end();
    lost = false;
    // A query that does not answer in time counts as a lost session: a leader must not keep leading blind.
    const client = new pg.Client({ connectionString: url, keepAlive: true, query_timeout: options.queryTimeoutMs ?? 10_000, application_name: "countersign-leader" });
    client.on("error", () => (lost = true));
    client.on("end", () => (lost = true));
    await client.connect();
    session = client;
    return client;
  };
  return {
    async tryTake() {
      try {
        const client = await connected();
        const result = await client.query<{ taken: boolean }>("SELECT pg_try_advisory_lock($1) AS taken", [leaderLock]);
        return result.rows[0]!.taken;
      } catch (error) {
        await end();
        throw error;
      }
    },
    async stillHeld() {
      if (!session || lost) return false;
      try {
        await session.query("SELECT 1");
        return !lost;
      } catch {
        await end();
        return false;
      }
    },
    release: end,
  };
}
