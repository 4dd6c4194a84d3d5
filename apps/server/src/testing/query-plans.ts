import type { Db } from "../db/client";

/**
 * The plan of every statement that reads (SELECT or WITH) while `run` runs on a SQLite database,
 * as EXPLAIN QUERY PLAN gives it with the parameters it ran with. A scale test's timings only show
 * a scan or a sort at volume; its plan shows one at any size, and names the statement.
 *
 * The statements are caught on better-sqlite3's Statement prototype, which both connections share:
 * a use case's own statements (prepared, drizzle's) are never handed to a test. Every way a
 * statement returns rows is caught, so that no read goes unchecked for how it was run.
 */
export async function queryPlans(db: Db, run: () => Promise<unknown>): Promise<{ text: string; plan: string }[]> {
  const connection = db.$client;
  const proto = Object.getPrototypeOf(connection.prepare("SELECT 1")) as Record<Reading, (...params: unknown[]) => unknown>;
  const original = { get: proto.get, all: proto.all, iterate: proto.iterate };
  const ran: { text: string; params: unknown[] }[] = [];
  for (const method of readings) {
    proto[method] = function (this: { source: string }, ...params: unknown[]) {
      if (/^\s*(SELECT|WITH)/i.test(this.source)) ran.push({ text: this.source, params });
      return original[method].apply(this, params);
    };
  }
  try {
    await run();
  } finally {
    Object.assign(proto, original);
  }
  return ran.map(({ text, params }) => ({
    text,
    plan: (connection.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[]).map((row) => row.detail).join("; "),
  }));
}

const readings = ["get", "all", "iterate"] as const;
type Reading = (typeof readings)[number];
