import type { ActorType, AuditAction } from "@countersign/shared/audit";
import { canonicalJson, sha256 } from "../lib/hash";

export const genesisHash = "0".repeat(64);

export type ChainedEntry = {
  seq: number;
  at: string;
  actorType: ActorType;
  actorId: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string;
  payload: string;
  prevHash: string;
};

/** The hash of what an entry says, without its place in the chain. */
export function contentHash(entry: Omit<ChainedEntry, "seq" | "prevHash">): string {
  // Keys in canonical order, so canonicalJson writes it as it stands (the same bytes, without sorting).
  return sha256(
    canonicalJson({
      action: entry.action,
      actorId: entry.actorId,
      actorType: entry.actorType,
      at: entry.at,
      entityId: entry.entityId,
      entityType: entry.entityType,
      payload: entry.payload,
    }),
  );
}

/**
 * An entry's hash covers its place (seq), the previous entry's hash and the hash of its content.
 * Two levels, so a proof pack can carry another system's entry as its content hash alone and the
 * chain through it still recomputes link by link, without disclosing what the entry says.
 */
export function linkHash(link: { seq: number; prevHash: string; contentSha256: string }): string {
  return sha256(canonicalJson({ contentSha256: link.contentSha256, prevHash: link.prevHash, seq: link.seq }));
}

export function entryHash(entry: ChainedEntry): string {
  return linkHash({ seq: entry.seq, prevHash: entry.prevHash, contentSha256: contentHash(entry) });
}

/**
 * Entries written before the two-level hash (one hash over content, seq and prevHash together).
 * Both forms are SHA-256 over differently shaped canonical JSON, so accepting either lets no
 * altered entry through.
 */
export function legacyEntryHash(entry: ChainedEntry): string {
  return sha256(
    canonicalJson({
      seq: entry.seq,
      at: entry.at,
      actorType: entry.actorType,
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      payload: entry.payload,
      prevHash: entry.prevHash,
    }),
  );
}

/** Whether an entry's content and links hash to its recorded hash, in either form. */
export function entryHashMatches(entry: ChainedEntry, hash: string): boolean {
  return entryHash(entry) === hash || legacyEntryHash(entry) === hash;
}
