import { desc } from "drizzle-orm";
import type { AuditAction } from "@countersign/shared/audit";
import type { Tx } from "../../db/client";
import { auditLog } from "../../db/schema/audit";
import type { Actor } from "../../lib/context";
import { canonicalJson } from "../../lib/hash";
import { entryHash, genesisHash } from "./chain";

export type AuditEvent = {
  action: AuditAction;
  entityType: string;
  entityId: string;
  /** Facts about the change, by id: no names or emails, so erasing a person never breaks the chain. */
  payload?: Record<string, unknown>;
};

/** Appends one entry inside the caller's transaction: if the change rolls back, so does its entry. */
export function appendAudit(tx: Tx, actor: Actor, at: number, event: AuditEvent) {
  const head = tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1)
    .get();
  const entry = {
    seq: (head?.seq ?? 0) + 1,
    at: new Date(at).toISOString(),
    actorType: actor.type,
    actorId: actor.id ?? null,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    payload: canonicalJson(event.payload ?? {}),
    prevHash: head?.hash ?? genesisHash,
  };
  tx.insert(auditLog).values({ ...entry, hash: entryHash(entry) }).run();
  return entry.seq;
}
