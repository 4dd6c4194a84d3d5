import pg from "pg";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lead, soleProcess, type Leadership } from "./leader";
import { pgLeaderLock } from "../db/pg/leader";
import { freshPgDatabase, skipWithoutPostgres } from "../db/pg/test-database";

const quiet = pino({ level: "silent" });

/** Waits for a condition however long a busy machine takes (the test's timeout bounds it). */
async function until(condition: () => boolean) {
  while (!condition()) await new Promise((done) => setTimeout(done, 50));
}

/** One server process's share: the work it runs while it leads, counted. */
function serverProcess(url: string) {
  const work = { running: 0, started: 0 };
  const leadership = lead(
    pgLeaderLock(url),
    () => {
      work.running += 1;
      work.started += 1;
      return () => void (work.running -= 1);
    },
    { everyMs: 100, log: quiet },
  );
  return { work, leadership };
}

describe("leadership of background work on one SQLite file", () => {
  it("the only process leads at once", async () => {
    let started = 0;
    const leadership = lead(soleProcess, () => (started++, () => undefined), { everyMs: 100, log: quiet });
    await until(() => leadership.isLeader());
    expect(started).toBe(1);
    await leadership.stop();
    expect(leadership.isLeader()).toBe(false);
  });
});

describe.skipIf(skipWithoutPostgres())("leadership of background work among processes on one PostgreSQL database", () => {
  let url: string;
  let drop: () => Promise<void>;
  const running: Leadership[] = [];
  beforeEach(async () => {
    ({ url, drop } = await freshPgDatabase());
  });
  afterEach(async () => {
    for (const leadership of running.splice(0)) await leadership.stop();
    await drop?.();
  });

  it("one process leads; when its database session ends, another takes over; a process that stops hands over", async () => {
    const processes = [serverProcess(url), serverProcess(url), serverProcess(url)];
    running.push(...processes.map((p) => p.leadership));
    await until(() => processes.some((p) => p.leadership.isLeader()));
    // Several tries later, still exactly one.
    await new Promise((done) => setTimeout(done, 500));
    expect(processes.filter((p) => p.leadership.isLeader())).toHaveLength(1);
    expect(processes.map((p) => p.work.running).reduce((a, b) => a + b)).toBe(1);

    // The leader's session ends as it does when its process is killed: PostgreSQL frees the lock.
    const first = processes.find((p) => p.leadership.isLeader())!;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      `SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND a.application_name = 'countersign-leader' AND a.datname = current_database()`,
    );
    await admin.end();
    await until(() => !first.leadership.isLeader() && first.work.running === 0);
    await until(() => processes.some((p) => p.leadership.isLeader()));
    expect(processes.filter((p) => p.leadership.isLeader())).toHaveLength(1);

    // A process that shuts down gives the lead up; one of the others takes it.
    const second = processes.find((p) => p.leadership.isLeader())!;
    await second.leadership.stop();
    await until(() => processes.some((p) => p !== second && p.leadership.isLeader()));
    expect(processes.filter((p) => p.leadership.isLeader())).toHaveLength(1);
    expect(processes.map((p) => p.work.running).reduce((a, b) => a + b)).toBe(1);
  }, 60_000);
});
