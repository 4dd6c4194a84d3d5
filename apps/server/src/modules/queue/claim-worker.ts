// Runs in a worker thread: one reviewer with its own connection to the shared database file,
// waiting at a barrier so every claimer fires at the same moment.
import { workerData, parentPort } from "node:worker_threads";
import { openDb } from "../../db/client";
import { claimNext } from "./claim";

const { path, reviewerId, barrier } = workerData as { path: string; reviewerId: string; barrier: SharedArrayBuffer };
const deps = { db: openDb(path), now: Date.now };
const flag = new Int32Array(barrier);
parentPort!.postMessage({ ready: true });
Atomics.wait(flag, 0, 0);
const claim = await claimNext(deps, reviewerId);
parentPort!.postMessage({ claimed: claim?.escalationId ?? null });
deps.db.$client.close();
