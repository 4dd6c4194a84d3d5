import { and, asc, eq } from "drizzle-orm";
import type { Deps } from "../../lib/context";
import { auditLog } from "../../db/schema/audit";
import { userNames } from "../users/queries";

/** Every audit entry about one escalation, oldest first, with actor names resolved at read time. */
export async function escalationTimeline(deps: Deps, escalationId: string) {
  const entries = await deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "escalation"), eq(auditLog.entityId, escalationId)))
    .orderBy(asc(auditLog.seq))
    .all();
  const names = await userNames(deps.db, [...new Set(entries.filter((e) => e.actorType === "user").map((e) => e.actorId!))]);
  return entries.map((entry) => ({
    seq: entry.seq,
    at: entry.at,
    action: entry.action,
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorName: entry.actorType === "user" ? (names.get(entry.actorId!) ?? entry.actorId) : entry.actorType.replace("_", " "),
    payload: JSON.parse(entry.payload) as Record<string, unknown>,
    hash: entry.hash,
    prevHash: entry.prevHash,
  }));
}
