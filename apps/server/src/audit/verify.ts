import type { KeyObject } from "node:crypto";
import type { Db } from "../db/client";
import { statement } from "../lib/prepared";
import { checkpointSignatureValid, type Checkpoint } from "./checkpoint";
import { existingSigningKey, keyIdOf, publicKeyFromPem } from "./signing-key";
import { chainWalk, type AuditLine } from "./walk";
import type { WitnessRecord } from "./witness";

export type VerifyResult =
  | {
      ok: true;
      entries: number;
      head: string;
      checkpoints: number;
      witnessed: number;
      /** Entries after the last signed checkpoint: until the next one, their removal would leave no trace. */
      unsigned: number;
      lastCheckpointAt: string | null;
    }
  | { ok: false; entries: number; firstBadSeq: number; problem: string };

export type VerifyOptions = {
  /** The key checkpoints must verify under; by default the one beside the database. */
  publicKey?: KeyObject | null;
  /** Checkpoints an outside witness received: the live log must still agree with every one. */
  witness?: WitnessRecord[];
};

/**
 * Recomputes every hash in order, reading rows a page at a time so the check runs in bounded memory; checks
 * every signed checkpoint's signature and that the chain at its size has its head; and, given
 * a witness's checkpoints, that the log still agrees with what was witnessed — which a chain
 * rebuilt by someone with write access to the database (fresh hashes, even a fresh key) cannot.
 */
export async function verifyAuditLog(db: Db, options: VerifyOptions = {}): Promise<VerifyResult> {
  const checkpoints = await statement(db, `SELECT seq, size, head, at, signature, key_id AS "keyId" FROM checkpoints ORDER BY seq`).all<Checkpoint>();
  const witness = options.witness ?? [];
  const publicKey = options.publicKey === undefined ? (existingSigningKey(db)?.publicKey ?? null) : options.publicKey;

  const signatureProblem = checkSignatures(checkpoints, witness, publicKey);
  const walk = chainWalk(undefined, [
    ...checkpoints.map((c) => ({ source: `checkpoint #${c.seq}`, size: c.size, head: c.head })),
    ...witness.map((w) => ({ source: `the witness's checkpoint #${w.seq} (signed ${w.at})`, size: w.size, head: w.head })),
  ]);
  const page = statement(
    db,
    `SELECT seq, at, actor_type AS "actorType", actor_id AS "actorId", action, entity_type AS "entityType",
            entity_id AS "entityId", payload, prev_hash AS "prevHash", hash
       FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ${pageSize}`,
  );
  for (let after = 0; ; ) {
    const rows = await page.all<AuditLine>(after);
    for (const row of rows) {
      const broken = walk.step(row);
      if (broken) return { ok: false, entries: walk.entries(), ...broken };
    }
    if (rows.length < pageSize) break;
    after = rows.at(-1)!.seq;
  }
  const count = walk.entries();
  const removed = walk.end();
  if (removed) return { ok: false, entries: count, ...removed };
  if (signatureProblem) return { ok: false, entries: count, ...signatureProblem };
  const last = checkpoints.at(-1);
  return {
    ok: true,
    entries: count,
    head: walk.head(),
    checkpoints: checkpoints.length,
    witnessed: witness.length,
    unsigned: count - (last?.size ?? 0),
    lastCheckpointAt: last?.at ?? null,
  };
}

/** Entries read per statement: the walk runs in bounded memory on a log of any length. */
const pageSize = 5000;

function checkSignatures(checkpoints: Checkpoint[], witness: WitnessRecord[], publicKey: KeyObject | null) {
  if (checkpoints.length > 0 && !publicKey) {
    return { firstBadSeq: checkpoints[0]!.size, problem: "the log has signed checkpoints but the signing key beside the database is missing" };
  }
  const keyId = publicKey ? keyIdOf(publicKey) : null;
  for (const c of checkpoints) {
    if (c.keyId !== keyId || !checkpointSignatureValid(c, publicKey!)) {
      return { firstBadSeq: c.size, problem: `checkpoint #${c.seq}'s signature does not verify under the server's public key` };
    }
  }
  for (const w of witness) {
    let witnessKey: KeyObject;
    try {
      witnessKey = publicKeyFromPem(w.publicKey);
    } catch {
      return { firstBadSeq: w.size, problem: `the witness's checkpoint #${w.seq} carries no readable public key` };
    }
    if (!checkpointSignatureValid(w, witnessKey)) {
      return { firstBadSeq: w.size, problem: `the witness's checkpoint #${w.seq} has a signature that does not verify` };
    }
    if (keyId !== keyIdOf(witnessKey)) {
      return {
        firstBadSeq: w.size,
        problem: `the witness's checkpoint #${w.seq} was signed by key ${keyIdOf(witnessKey).slice(0, 16)}…, but the server's key is now ${keyId?.slice(0, 16) ?? "missing"}…: the signing key was replaced`,
      };
    }
  }
  return null;
}
