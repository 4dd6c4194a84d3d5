import { and, asc, desc, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import type { Role } from "@countersign/shared/enums";
import { queueFilterSchema, type QueueFilter } from "@countersign/shared/queue";
import { escalations } from "../../db/schema/escalations";
import { aiSystems } from "../../db/schema/systems";
import { users } from "../../db/schema/users";
import type { Deps } from "../../lib/context";
import { publicStatus } from "../escalations/lifecycle";
import { confidenceHidingSystems, filterTerms, openStatus, reasonCodes, searchCondition, sortIndex, statusCondition, totalCap } from "./list-conditions";

/** Under judgement first the AI's confidence stays hidden until the verdict, in the queue too. */
const shownConfidence = sql<number | null>`CASE WHEN json_extract(${aiSystems.policy}, '$.judgementFirst') THEN NULL ELSE ${escalations.confidence} END`;

/**
 * Sort orders, each the order of an index (escalations_open_* for the open queue,
 * escalations_status_* for one status) so the first page is read off an index, never sorted.
 * Items of systems that hide the confidence (judgement first) sort last by confidence, as having
 * none: they are read by a second query (see `listQueue`).
 */
const orderBy: Record<NonNullable<QueueFilter["sort"]>, SQL[]> = {
  priority: [desc(escalations.priorityRank), asc(escalations.receivedAt)],
  age: [asc(escalations.receivedAt)],
  due: [sql`${escalations.dueAt} IS NULL`, asc(escalations.dueAt), desc(escalations.priorityRank)],
  confidence: [asc(escalations.confidence), asc(escalations.receivedAt)],
};

/** At a million queued, 2,000 matches is 0.2%: the sort order's walk meets a page within 50,000 rows. */
const walkFrom = 2_000;

export type QueueViewer = { id: string; roles: readonly Role[] };

/** Leads, auditors and admins oversee everyone's decisions; a reviewer's decided list is their own work. */
const seesEveryDecision = (roles: readonly Role[]) => roles.some((role) => role === "lead" || role === "auditor" || role === "admin");

const verifiedBy = (viewerId: string) =>
  sql`EXISTS (SELECT 1 FROM verifications v WHERE v.escalation_id = ${escalations.id} AND v.reviewer_id = ${viewerId})`;

/** A reviewer's own decided work, read from their verifications (indexed by reviewer) rather than checked row by row. */
const decidedBy = (viewerId: string) => sql`${escalations.id} IN (SELECT v.escalation_id FROM verifications v WHERE v.reviewer_id = ${viewerId})`;

/**
 * Another copy of a gold item the viewer has verified would give itself away by its déjà vu. The
 * very copy they verified stays, as a real item they verified does (awaiting another reviewer, or
 * in their decided list). (By rowid, which every index holds: the count reads no row.)
 */
const otherCopyOfSeenGold = (viewerId: string) => sql`(${escalations.goldItemId} IS NULL OR ${escalations.goldItemId} NOT IN (
  SELECT e.gold_item_id FROM verifications v JOIN escalations e ON e.id = v.escalation_id
   WHERE v.reviewer_id = ${viewerId} AND e.gold_item_id IS NOT NULL AND e.rowid <> ${escalations}.rowid))`;

/**
 * The open queue (queued and in review unless a status is chosen), filtered and sorted. A
 * reviewer's "decided" is the escalations they verified themselves, not everyone's decisions.
 */
export async function listQueue(deps: Deps, viewer: QueueViewer, filter: QueueFilter) {
  const f = queueFilterSchema.parse(filter);
  const viewerId = viewer.id;
  const now = deps.now();
  const status = f.status ? statusCondition(f.status) : openStatus;
  const conditions: SQL[] = [
    f.status === "decided" && !seesEveryDecision(viewer.roles) ? and(status, decidedBy(viewerId))! : status,
    otherCopyOfSeenGold(viewerId),
    // A gold copy is listed from its drawn arrival time on, as a real escalation is from its receipt.
    // (Unary +: a range on received_at must not draw the planner away from the sort order's index.)
    sql`+${escalations.receivedAt} <= ${now}`,
    // Two-person disagreements wait for a lead (reviews.disputes), not for reviewers; once resolved (or expired) they are listed like any other.
    sql`(${escalations.disputedAt} IS NULL OR ${escalations.status} IN ('decided', 'expired'))`,
  ];
  // An exact total up to the cap, counted over a LIMITed subquery so it stops there; the filters'
  // own indexes (system, priority, reason with status) give that count its range.
  const search = f.search ? searchCondition(deps, f.search) : undefined;
  const filters = filterTerms(f, search, false);
  const matches = deps.db
    .select({ one: sql`1` })
    .from(escalations)
    .where(and(...conditions, ...filters))
    .limit(totalCap + 1)
    .as("matches");
  const counted = (await deps.db.select({ n: sql<number>`count(*)` }).from(matches).get())!.n;
  // Past `walkFrom` matches a filter matches enough of the queue for the page to walk the sort
  // order's index and meet its first rows early, so the filter's own index is kept out of it
  // (unary +). Below, reading the few matches off the filter's index and sorting them is cheaper.
  const where = and(...conditions, ...(counted > walkFrom ? filterTerms(f, search, true) : filters))!;
  // When walking, the sort order's index is named: with real statistics SQLite otherwise prefers any
  // index on status (a tenth of the rows) and sorts 100,000 of them.
  const walkIndex = counted > walkFrom ? sortIndex(f.status, f.sort) : undefined;
  const source = walkIndex ? sql`${escalations} INDEXED BY ${sql.identifier(walkIndex)}` : escalations;
  const page = (extra: SQL | undefined, sort: SQL[], limit: number) => {
    // Sort keys only, then the page's columns for its rows: the per-row subqueries run 100 times, not once per match.
    const pageRows = deps.db
      .select({ rowid: sql`${escalations}.rowid` })
      .from(source as typeof escalations)
      .where(extra ? and(where, extra) : where)
      .orderBy(...sort)
      .limit(limit);
    return deps.db
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
        disputedAt: escalations.disputedAt,
        purgedAt: escalations.purgedAt,
        leaseHolderId: escalations.leaseHolderId,
        leaseHolderName: users.name,
        leaseExpiresAt: escalations.leaseExpiresAt,
        // Two-person rule: the viewer has recorded their verification; another reviewer must verify it.
        verifiedByMe: sql<number>`${verifiedBy(viewerId)}`,
      })
      .from(escalations)
      .innerJoin(aiSystems, eq(aiSystems.id, escalations.systemId))
      .leftJoin(users, eq(users.id, escalations.leaseHolderId))
      .where(inArray(sql`${escalations}.rowid`, pageRows))
      .orderBy(...sort)
      .all();
  };
  const hiding = f.sort === "confidence" ? confidenceHidingSystems(deps) : [];
  const rows = await page(hiding.length > 0 ? notInArray(escalations.systemId, hiding) : undefined, orderBy[f.sort], f.limit);
  // Judgement first: these items show no confidence, so they follow the others, oldest first.
  if (hiding.length > 0 && rows.length < f.limit) rows.push(...await page(inArray(escalations.systemId, hiding), orderBy.age, f.limit - rows.length));
  return {
    total: Math.min(counted, totalCap),
    totalCapped: counted > totalCap,
    serverNow: now,
    rows: rows.map(({ disputedAt, purgedAt, ...row }) => ({
      ...row,
      heldByMe: row.leaseHolderId === viewerId,
      verifiedByMe: row.verifiedByMe === 1,
      // An expired lease is free again, even before the sweep has run.
      status: publicStatus({ ...row, disputedAt, purgedAt }, now),
    })),
    reasons: reasonCodes(deps),
  };
}
