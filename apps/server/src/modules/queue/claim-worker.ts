// Runs in a worker thread: one reviewer with its own connection to the shared database (a SQLite
// file, or a PostgreSQL database by its URL), waiting at a barrier so every claimer fires at the same moment.
import { workerData, parentPort } from "node:worker_threads";
import { openDb, type Db } from "../../db/client";
import { pgDbOn, pgPool } from "../../db/pg/client";
import { claimNext } from "./claim";

const { path, url, reviewerId, barrier } = workerData as { path: string; url?: string; reviewerId: string; barrier: SharedArrayBuffer };
const deps = { db: url ? (pgDbOn(pgPool(url, { max: 1 })) as unknown as Db) : openDb(path), now: Date.now };
const flag = new Int32Array(barrier);
parentPort!.postMessage({ ready: true });
Atomics.wait(flag, 0, 0);
const claim = await claimNext(deps, reviewerId);
parentPort!.postMessage({ claimed: claim?.escalationId ?? null });
await deps.db.$client.close();
