import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import * as schema from "./schema/index";
import { registerDriver } from "../transaction";
import { quoteCamelCaseAliases, toPgParameters } from "./sqlite-compat";

// A fetch's round trip is paid per batch; a row can hold a megabyte of AI output.
const batchRows = 64;

/**
 * db/read-snapshot.ts on PostgreSQL: one pooled connection in a REPEATABLE READ READ ONLY
 * transaction, whose snapshot its first statement takes as it opens (before anything is read);
 * every stream is a cursor fetched a batch at a time, so an export of a million rows holds one
 * batch in memory. Opened at once: statements wait for the connection.
 */
export function openPgReadSnapshot(db: { $client: unknown }) {
  const connecting = (async () => {
    const client = await (db.$client as pg.Pool).connect();
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      await client.query("SELECT count(*) FROM audit_log");
      return client;
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
  })();
  connecting.catch(() => undefined); // reported by the first statement that waits for it
  const query = async (...args: unknown[]) => {
    const client = await connecting;
    return (client.query as (...a: unknown[]) => unknown)(...args);
  };
  const snapshotDb = drizzle({ query } as unknown as pg.PoolClient, { schema });
  registerDriver(snapshotDb, {
    engine: "postgres",
    begin: () => Promise.reject(new Error("an export's snapshot is read-only: it has no transactions")),
    exec: () => Promise.reject(new Error("an export's snapshot is read-only")),
  });
  let closed = false;
  let cursors = 0;
  return {
    db: snapshotDb,
    stream: async function* <T>(text: string, params: Record<string, unknown>) {
      const client = await connecting;
      const converted = toPgParameters(quoteCamelCaseAliases(text));
      const values = converted.order.map((key) => params[key as string]);
      const cursor = `snapshot_rows_${++cursors}`;
      await client.query({ text: `DECLARE ${cursor} NO SCROLL CURSOR FOR ${converted.text}`, values });
      for (;;) {
        if (closed) return;
        const { rows } = await client.query(`FETCH ${batchRows} FROM ${cursor}`);
        if (rows.length === 0) break;
        yield rows as T[];
      }
      await client.query(`CLOSE ${cursor}`);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      const client = await connecting.catch(() => null);
      if (!client) return;
      try {
        await client.query("ROLLBACK");
        client.release();
      } catch (error) {
        client.release(error as Error);
      }
    },
    get closed() {
      return closed;
    },
  };
}
