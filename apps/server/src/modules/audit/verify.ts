import type { Db } from "../../db/client";
import { entryHash, genesisHash, type ChainedEntry } from "./chain";

export type VerifyResult =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; firstBadSeq: number; problem: string };

type Row = ChainedEntry & { hash: string };

/** Recomputes every hash in order, streaming rows so the check runs in bounded memory. */
export function verifyAuditLog(db: Db): VerifyResult {
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
  for (const row of rows) {
    const fail = (problem: string): VerifyResult => ({ ok: false, entries: count, firstBadSeq: row.seq, problem });
    if (row.seq !== expectedSeq) {
      if (row.seq < expectedSeq) return fail("sequence out of order");
      return fail(row.seq - 1 === expectedSeq ? `entry ${expectedSeq} is missing` : `entries ${expectedSeq}–${row.seq - 1} are missing`);
    }
    if (row.prevHash !== prev) return fail("its previous-hash does not match the entry before it");
    if (entryHash(row) !== row.hash) return fail("its content does not match its hash (the entry was altered)");
    prev = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  return { ok: true, entries: count, head: prev };
}
