import type { KeyObject } from "node:crypto";
import { transaction, type Db } from "../db/client";
import { afterCommit } from "../db/transaction";
import { statement } from "../lib/prepared";
import { holdTheLog } from "./append";
import { signingKeyFor, signValue, verifyValue } from "./signing-key";
import { log } from "../lib/logger";

/** What a checkpoint signs: the log's size (entries) and head hash, and when. */
export type CheckpointBody = { size: number; head: string; at: string };
export type Checkpoint = CheckpointBody & { seq: number; signature: string; keyId: string };

export type CheckpointSettings = {
  everyEntries: number;
  everyMinutes: number;
  /** Called with each new checkpoint (the server hands it to the witness); must not throw or block. */
  onCheckpoint?: (checkpoint: Checkpoint) => void;
  /** Where checkpoints are witnessed outside this server (COUNTERSIGN_WITNESS), if anywhere. */
  witness?: "file" | "https" | null;
};
/**
 * One minute: without a witness, whoever can write the database can drop the unsigned tail of
 * the log unnoticed, so at most a minute of history is ever unsigned.
 */
export const defaultCheckpointSettings: CheckpointSettings = { everyEntries: 100, everyMinutes: 1 };

const settings = new WeakMap<Db, CheckpointSettings>();

/** The server sets these from its configuration; every other opener of the database uses the defaults. */
export function configureCheckpoints(db: Db, value: CheckpointSettings) {
  settings.set(db, value);
}

export function checkpointSettings(db: Db): CheckpointSettings {
  return settings.get(db) ?? defaultCheckpointSettings;
}

export function checkpointBody(checkpoint: CheckpointBody): CheckpointBody {
  return { size: checkpoint.size, head: checkpoint.head, at: checkpoint.at };
}

export function checkpointSignatureValid(checkpoint: CheckpointBody & { signature: string }, publicKey: KeyObject): boolean {
  return verifyValue(publicKey, checkpointBody(checkpoint), checkpoint.signature);
}

type Head = { seq: number; hash: string } | undefined;
type Last = { seq: number; size: number } | undefined;

/** The statements every write runs (through lib/prepared: prepared once per connection, on either engine). */
function statementsFor(db: Db) {
  return {
    head: statement(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"),
    last: statement(db, "SELECT seq, size FROM checkpoints ORDER BY seq DESC LIMIT 1"),
    insert: statement(db, "INSERT INTO checkpoints (seq, size, head, at, signature, key_id) VALUES (?, ?, ?, ?, ?, ?)"),
  };
}

/**
 * Signs the log's current size and head, unless the last checkpoint already covers it. Its own
 * IMMEDIATE transaction, so the head it signs is the head there is.
 */
export async function createCheckpoint(
  db: Db,
  now: number,
  due: (head: { seq: number }, last: Last) => boolean = () => true,
  announce: (checkpoint: Checkpoint) => void = (checkpoint) => checkpointSettings(db).onCheckpoint?.(checkpoint),
): Promise<Checkpoint | null> {
  const key = signingKeyFor(db);
  const created = await transaction(db, async () => {
    const s = statementsFor(db);
    // Several server processes (PostgreSQL) sign one at a time, each the head there is.
    await holdTheLog(db);
    const head = (await s.head.get()) as Head;
    const last = (await s.last.get()) as Last;
    if (!head || (last && last.size >= head.seq) || !due(head, last)) return null;
    const body: CheckpointBody = { size: head.seq, head: head.hash, at: new Date(now).toISOString() };
    const checkpoint: Checkpoint = { ...body, seq: (last?.seq ?? 0) + 1, signature: signValue(key.privateKey, body), keyId: key.keyId };
    await s.insert.run(checkpoint.seq, checkpoint.size, checkpoint.head, checkpoint.at, checkpoint.signature, checkpoint.keyId);
    afterCommit(() => seenSigned(db, checkpoint.size));
    return checkpoint;
  });
  if (created) announce(created);
  return created;
}

/**
 * At the end of every write that appended (`headSeq`: the last entry it appended): sign once N
 * entries have gone unsigned. Nearly always answered without a read. Inside a write it signs in
 * that write's transaction (a savepoint), so a signature costs no sync to disk of its own;
 * `announce` must then wait for the commit.
 */
export async function checkpointIfManyUnsigned(
  db: Db,
  now = Date.now(),
  announce?: (checkpoint: Checkpoint) => void,
  headSeq?: number,
): Promise<Checkpoint | null> {
  const { everyEntries } = checkpointSettings(db);
  const s = statementsFor(db);
  const seq = headSeq ?? ((await s.head.get()) as Head)?.seq;
  // Most writes are far from the next checkpoint by what this process last saw signed, which only
  // grows: they need not read the checkpoints to know.
  if (seq === undefined || seq - (signedSize.get(db) ?? 0) < everyEntries) return null;
  const last = (await s.last.get()) as Last;
  afterCommit(() => seenSigned(db, last?.size ?? 0));
  if (seq - (last?.size ?? 0) < everyEntries) return null;
  return createCheckpoint(db, now, (h, l) => h.seq - (l?.size ?? 0) >= everyEntries, announce);
}

/** The size of the log the newest checkpoint this process has seen signs, by database. */
const signedSize = new WeakMap<Db, number>();
const seenSigned = (db: Db, size: number) => signedSize.set(db, Math.max(size, signedSize.get(db) ?? 0));

/**
 * The server's cadence: every `everyMinutes` it signs whatever is unsigned, so no entry waits
 * longer than that for a signature. Returns the function that stops the timer.
 */
export function startCheckpointTimer(db: Db, now: () => number, onError: (error: unknown) => void = (err) => log.error({ err, job: "checkpoint" }, "signing failed")): () => void {
  const timer = setInterval(() => {
    createCheckpoint(db, now()).catch(onError);
  }, checkpointSettings(db).everyMinutes * 60_000);
  return () => clearInterval(timer);
}
