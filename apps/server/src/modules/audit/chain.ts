import type { ActorType, AuditAction } from "@countersign/shared/audit";
import { canonicalJson, sha256 } from "../../lib/hash";

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

/** The hash of an entry covers all of its content and the previous entry's hash. */
export function entryHash(entry: ChainedEntry): string {
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
