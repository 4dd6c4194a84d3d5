import { and, asc, desc, eq, inArray, like, lte, or, sql, type SQL } from "drizzle-orm";
import type { Role } from "@countersign/shared/enums";
import { queueFilterSchema, type QueueFilter } from "@countersign/shared/queue";
import { escalations } from "../../db/schema/escalations";
import { aiSystems } from "../../db/schema/systems";
import { users } from "../../db/schema/users";
import type { Deps } from "../../lib/context";

/** Under judgement first the AI's confidence stays hidden until the verdict, in the queue too. */
const shownConfidence = sql<number | null>`CASE WHEN json_extract(${aiSystems.policy}, '$.judgementFirst') THEN NULL ELSE ${escalations.confidence} END`;

const orderBy: Record<NonNullable<QueueFilter["sort"]>, SQL[]> = {
  priority: [desc(escalations.priorityRank), asc(escalations.receivedAt)],
  age: [asc(escalations.receivedAt)],
  due: [sql`${escalations.dueAt} IS NULL`, asc(escalations.dueAt), desc(escalations.priorityRank)],
  confidence: [sql`${shownConfidence} IS NULL`, asc(shownConfidence), asc(escalations.receivedAt)],
};

export type QueueViewer = { id: string; roles: readonly Role[] };

/** Leads, auditors and admins oversee everyone's decisions; a reviewer's decided list is their own work. */
const seesEveryDecision = (roles: readonly Role[]) => roles.some((role) => role === "lead" || role === "auditor" || role === "admin");

const verifiedBy = (viewerId: string) =>
  sql`EXISTS (SELECT 1 FROM verifications v WHERE v.escalation_id = ${escalations.id} AND v.reviewer_id = ${viewerId})`;

/**
 * Another copy of a gold item the viewer has verified would give itself away by its déjà vu. The
 * very copy they verified stays, as a real item they verified does (awaiting another reviewer, or
 * in their decided list).
 */
const otherCopyOfSeenGold = (viewerId: string) => sql`(${escalations.goldItemId} IS NULL OR ${escalations.goldItemId} NOT IN (
  SELECT e.gold_item_id FROM verifications v JOIN escalations e ON e.id = v.escalation_id
   WHERE v.reviewer_id = ${viewerId} AND e.gold_item_id IS NOT NULL AND e.id <> ${escalations.id}))`;

/**
 * The open queue (queued and in review unless a status is chosen), filtered and sorted. A
 * reviewer's "decided" is the escalations they verified themselves, not everyone's decisions.
 */
export function listQueue(deps: Deps, viewer: QueueViewer, filter: QueueFilter) {
  const f = queueFilterSchema.parse(filter);
  const viewerId = viewer.id;
  const now = deps.now();
  const status = f.status ? eq(escalations.status, f.status) : inArray(escalations.status, ["queued", "in_review"]);
  const conditions: SQL[] = [
    f.status === "decided" && !seesEveryDecision(viewer.roles) ? and(status, verifiedBy(viewerId))! : status,
    otherCopyOfSeenGold(viewerId),
    // A gold copy is listed from its drawn arrival time on, as a real escalation is from its receipt.
    lte(escalations.receivedAt, now),
    // Two-person disagreements wait for a lead (reviews.disputes), not for reviewers; once resolved they are decided like any other.
    sql`(${escalations.disputedAt} IS NULL OR ${escalations.status} = 'decided')`,
  ];
  if (f.system) conditions.push(eq(aiSystems.slug, f.system));
  if (f.priority) conditions.push(eq(escalations.priority, f.priority));
  if (f.reason) conditions.push(eq(escalations.reasonCode, f.reason));
  if (f.search) {
    const pattern = `%${f.search.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
    conditions.push(
      or(
        like(escalations.externalId, pattern),
        like(escalations.id, pattern),
        like(escalations.contextSummary, pattern),
        like(escalations.reasonExplanation, pattern),
      )!,
    );
  }
  const where = and(...conditions);
  const rows = deps.db
    .select({
      id: escalations.id,
      externalId: escalations.externalId,
      systemSlug: aiSystems.slug,
      systemName: aiSystems.name,
      priority: escalations.priority,
      reasonCode: escalations.reasonCode,
      reasonExplanation: escalations.reasonExplanation,
      confidence: shownConfidence,
      receivedAt: escalations.receivedAt,
      dueAt: escalations.dueAt,
      status: escalations.status,
      leaseHolderId: escalations.leaseHolderId,
      leaseHolderName: users.name,
      leaseExpiresAt: escalations.leaseExpiresAt,
      // Two-person rule: the viewer has recorded their verification; another reviewer must verify it.
      verifiedByMe: sql<number>`${verifiedBy(viewerId)}`,
    })
    .from(escalations)
    .innerJoin(aiSystems, eq(aiSystems.id, escalations.systemId))
    .leftJoin(users, eq(users.id, escalations.leaseHolderId))
    .where(where)
    .orderBy(...orderBy[f.sort])
    .limit(f.limit)
    .all();
  const total = deps.db
    .select({ n: sql<number>`count(*)` })
    .from(escalations)
    .innerJoin(aiSystems, eq(aiSystems.id, escalations.systemId))
    .where(where)
    .get()!.n;
  return {
    total,
    serverNow: now,
    rows: rows.map((row) => ({
      ...row,
      heldByMe: row.leaseHolderId === viewerId,
      verifiedByMe: row.verifiedByMe === 1,
      // An expired lease is free again, even before the sweep has run.
      status: row.status === "in_review" && (row.leaseExpiresAt ?? 0) <= now ? ("queued" as const) : row.status,
    })),
    reasons: deps.db.selectDistinct({ code: escalations.reasonCode }).from(escalations).orderBy(escalations.reasonCode).all().map((r) => r.code),
  };
}
