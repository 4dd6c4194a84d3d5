import type { KeyObject } from "node:crypto";
import type { Db } from "../../db/client";
import { entryHashMatches, genesisHash, type ChainedEntry } from "./chain";
import { checkpointSignatureValid, type Checkpoint } from "./checkpoint";
import { existingSigningKey, keyIdOf, publicKeyFromPem } from "./signing-key";
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

type Row = ChainedEntry & { hash: string };
type Anchor = { source: string; size: number; head: string };

/**
 * Recomputes every hash in order, streaming rows so the check runs in bounded memory; checks
 * every signed checkpoint's signature and that the chain at its size has its head; and, given
 * a witness's checkpoints, that the log still agrees with what was witnessed — which a chain
 * rebuilt by someone with write access to the database (fresh hashes, even a fresh key) cannot.
 */
export function verifyAuditLog(db: Db, options: VerifyOptions = {}): VerifyResult {
  const checkpoints = db.$client
    .prepare("SELECT seq, size, head, at, signature, key_id AS keyId FROM checkpoints ORDER BY seq")
    .all() as Checkpoint[];
  const witness = options.witness ?? [];
  const publicKey = options.publicKey === undefined ? (existingSigningKey(db)?.publicKey ?? null) : options.publicKey;

  const signatureProblem = checkSignatures(checkpoints, witness, publicKey);
  const anchors = new Map<number, Anchor[]>();
  const addAnchor = (anchor: Anchor) => anchors.set(anchor.size, [...(anchors.get(anchor.size) ?? []), anchor]);
  for (const c of checkpoints) addAnchor({ source: `checkpoint #${c.seq}`, size: c.size, head: c.head });
  for (const w of witness) addAnchor({ source: `the witness's checkpoint #${w.seq} (signed ${w.at})`, size: w.size, head: w.head });

  const rows = db.$client
    .prepare(
      `SELECT seq, at, actor_type AS actorType, actor_id AS actorId, action, entity_type AS entityType,
              entity_id AS entityId, payload, prev_hash AS prevHash, hash
         FROM audit_log ORDER BY seq`,
    )
    .iterate() as IterableIterator<Row>;
  let expectedSeq = 1;
  let prev = genesisHash;
  let count = 0;
  let trustedUpTo = 0;
  for (const row of rows) {
    const fail = (problem: string, firstBadSeq = row.seq): VerifyResult => ({ ok: false, entries: count, firstBadSeq, problem });
    if (row.seq !== expectedSeq) {
      if (row.seq < expectedSeq) return fail("sequence out of order");
      return fail(row.seq - 1 === expectedSeq ? `entry ${expectedSeq} is missing` : `entries ${expectedSeq}–${row.seq - 1} are missing`);
    }
    if (row.prevHash !== prev) return fail("its previous-hash does not match the entry before it");
    if (!entryHashMatches(row, row.hash)) return fail("its content does not match its hash (the entry was altered)");
    for (const anchor of anchors.get(row.seq) ?? []) {
      if (anchor.head !== row.hash) {
        return fail(
          `${anchor.source} signed head ${anchor.head.slice(0, 16)}… at size ${anchor.size}, but the log's entry ${row.seq} hashes to ${row.hash.slice(0, 16)}…: ` +
            `an entry between seq ${trustedUpTo + 1} and ${row.seq} was changed, or the chain was rebuilt`,
          trustedUpTo + 1,
        );
      }
      trustedUpTo = row.seq;
    }
    prev = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  const beyond = [...anchors.values()].flat().find((anchor) => anchor.size > count);
  if (beyond) {
    return {
      ok: false,
      entries: count,
      firstBadSeq: count + 1,
      problem: `${beyond.source} covers ${beyond.size} entries but the log has only ${count}: entries were removed`,
    };
  }
  if (signatureProblem) return { ok: false, entries: count, ...signatureProblem };
  const last = checkpoints.at(-1);
  return {
    ok: true,
    entries: count,
    head: prev,
    checkpoints: checkpoints.length,
    witnessed: witness.length,
    unsigned: count - (last?.size ?? 0),
    lastCheckpointAt: last?.at ?? null,
  };
}

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
