import { and, asc, desc, eq, inArray, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Role } from "@countersign/shared/enums";
import { queueFilterSchema, type QueueFilter } from "@countersign/shared/queue";
import { dialectFor, type Engine } from "../../db/dialect";
import { escalations } from "../../db/schema/escalations";
import { aiSystems } from "../../db/schema/systems";
import { users } from "../../db/schema/users";
import { engineOf } from "../../db/transaction";
import type { Deps } from "../../lib/context";
import { statement } from "../../lib/prepared";
import { publicStatus } from "../escalations/lifecycle";
import { confidenceHidingSystems, filterTerms, inList, openStatus, reasonCodes, rowKey, searchCondition, sortIndex, statusCondition, totalCap } from "./list-conditions";

/** Under judgement first the AI's confidence stays hidden until the verdict, in the queue too. */
const shownConfidence = (engine: Engine) =>
  sql<number | null>`CASE WHEN ${sql.raw(dialectFor(engine).jsonBool('"ai_systems"."policy"', "judgementFirst"))} THEN NULL ELSE ${escalations.confidence} END`;

/**
 * Sort orders, each the order of an index (escalations_open_* for the open queue,
 * escalations_status_* for one status) so the first page is read off an index, never sorted.
 * Items of systems that hide the confidence (judgement first) sort last by confidence, as having
 * none: they are read by a second query (see `listQueue`).
 */
const orderOf = (rankDesc: SQL): Record<NonNullable<QueueFilter["sort"]>, SQL[]> => ({
  priority: [rankDesc, asc(escalations.receivedAt)],
  age: [asc(escalations.receivedAt)],
  due: [sql`${escalations.dueAt} IS NULL`, asc(escalations.dueAt), rankDesc],
  confidence: [asc(escalations.confidence), asc(escalations.receivedAt)],
});
// PostgreSQL's indexes hold the rank DESC NULLS LAST, and its plain DESC puts nulls first: an index
// serves an order only when they agree (SQLite's DESC already puts nulls last).
const orderBy: Record<Engine, ReturnType<typeof orderOf>> = {
  sqlite: orderOf(desc(escalations.priorityRank)),
  postgres: orderOf(sql`${escalations.priorityRank} DESC NULLS LAST`),
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
 * in their decided list). On SQLite by rowid, which every index holds, so the count reads no row.
 */
const otherCopyOfSeenGoldSqlite = (viewerId: string) =>
  sql`(${escalations.goldItemId} IS NULL OR ${escalations.goldItemId} NOT IN (
  SELECT e.gold_item_id FROM verifications v JOIN escalations e ON e.id = v.escalation_id
   WHERE v.reviewer_id = ${viewerId} AND e.gold_item_id IS NOT NULL AND e.rowid <> ${escalations}.rowid))`;

/**
 * The same on PostgreSQL, from the viewer's verified gold copies read first: the gold items they
 * saw, and the copies that are their only one of an item (which stay). Written without the
 * escalation's id, the count is an index-only scan of the filter's index; a condition naming the id
 * read a heap page per match (about 10,000 pages for the urgent view at a million queued).
 */
async function goldSeenOnPostgres(deps: Deps, viewerId: string) {
  const copies = await statement(
    deps.db,
    `SELECT e.id, e.gold_item_id AS "goldItemId" FROM verifications v JOIN escalations e ON e.id = v.escalation_id
      WHERE v.reviewer_id = ? AND e.gold_item_id IS NOT NULL`,
  ).all<{ id: string; goldItemId: string }>(viewerId);
  const perItem = new Map<string, string[]>();
  for (const copy of copies) perItem.set(copy.goldItemId, [...(perItem.get(copy.goldItemId) ?? []), copy.id]);
  const onlyCopies = [...perItem.values()].filter((ids) => ids.length === 1).map(([id]) => id!);
  // Unseen gold and real items; and, apart from them, the viewer's only copy of a seen item.
  const unseen = perItem.size === 0 ? undefined : sql`(${escalations.goldItemId} IS NULL OR ${escalations.goldItemId} NOT ${inList("postgres", [...perItem.keys()])})`;
  const ownCopy = onlyCopies.length === 0 ? undefined : sql`${escalations.id} ${inList("postgres", onlyCopies)}`;
  return { unseen, ownCopy };
}

/** SQLite reads a column written with a unary plus without its index; PostgreSQL's planner chooses by its statistics. */
const unindexed = (engine: Engine, column: SQL | typeof escalations.receivedAt) => (engine === "sqlite" ? sql`+${column}` : sql`${column}`);

/**
 * The open queue (queued and in review unless a status is chosen), filtered and sorted. A
 * reviewer's "decided" is the escalations they verified themselves, not everyone's decisions.
 */
export async function listQueue(deps: Deps, viewer: QueueViewer, filter: QueueFilter) {
  const f = queueFilterSchema.parse(filter);
  const viewerId = viewer.id;
  const now = deps.now();
  const engine = engineOf(deps.db);
  const key = sql.raw(rowKey(engine, '"escalations"'));
  const status = f.status ? statusCondition(f.status) : openStatus;
  const gold = engine === "postgres" ? await goldSeenOnPostgres(deps, viewerId) : undefined;
  const shown = gold ? (gold.unseen && gold.ownCopy ? or(gold.unseen, gold.ownCopy) : gold.unseen) : otherCopyOfSeenGoldSqlite(viewerId);
  const conditions: SQL[] = [
    f.status === "decided" && !seesEveryDecision(viewer.roles) ? and(status, decidedBy(viewerId))! : status,
    // A gold copy is listed from its drawn arrival time on, as a real escalation is from its receipt.
    // (Unary +: a range on received_at must not draw the planner away from the sort order's index.)
    sql`${unindexed(engine, escalations.receivedAt)} <= ${now}`,
    // Two-person disagreements wait for a lead (reviews.disputes), not for reviewers; once resolved (or expired) they are listed like any other.
    sql`(${escalations.disputedAt} IS NULL OR ${escalations.status} IN ('decided', 'expired'))`,
  ];
  // An exact total up to the cap, counted over a LIMITed subquery so it stops there; the filters'
  // own indexes (system, priority, reason with status) give that count its range.
  const search = f.search ? await searchCondition(deps, f.search) : undefined;
  const filters = filterTerms(engine, f, search, false);
  // Without statistics (Countersign never runs ANALYZE) SQLite counted the unfiltered open queue off
  // escalations_open_confidence_idx, reading each row: this index holds every column the conditions read.
  const countSource = engine === "sqlite" && !f.status && filters.length === 0 ? sql`${escalations} INDEXED BY escalations_open_received_idx` : escalations;
  const count = async (gold: SQL | undefined) => {
    const matches = deps.db
      .select({ one: sql`1` })
      .from(countSource as typeof escalations)
      .where(and(...conditions, gold, ...filters))
      .limit(totalCap + 1)
      .as("matches");
    return Number((await deps.db.select({ n: sql<number>`count(*)` }).from(matches).get())!.n);
  };
  // On PostgreSQL the viewer's own copies of seen gold (disjoint from the unseen) are counted apart.
  const counting = gold ? Promise.all([count(gold.unseen), gold.ownCopy ? count(gold.ownCopy) : 0]).then(([a, b]) => a + b) : count(shown);
  // On SQLite the page depends on the total (below). On PostgreSQL it does not, as its planner
  // chooses the index: there the page is read while the total is counted, on another of the pool's
  // connections (a search's matches, listed by key, cost each read about as much as the other).
  const walking = engine === "sqlite" && (await counting) > walkFrom;
  // Past `walkFrom` matches a filter matches enough of the queue for the page to walk the sort
  // order's index and meet its first rows early, so the filter's own index is kept out of it
  // (unary +). Below, reading the few matches off the filter's index and sorting them is cheaper.
  const where = and(...conditions, shown, ...(walking ? filterTerms(engine, f, search, true) : filters))!;
  // When walking, the sort order's index is named: with real statistics SQLite otherwise prefers any
  // index on status (a tenth of the rows) and sorts 100,000 of them.
  const walkIndex = walking ? sortIndex(f.status, f.sort) : undefined;
  const source = walkIndex ? sql`${escalations} INDEXED BY ${sql.identifier(walkIndex)}` : escalations;
  const page = (extra: SQL | undefined, sort: SQL[], limit: number) => {
    // Sort keys only, then the page's columns for its rows: the per-row subqueries run 100 times, not once per match.
    const pageRows = deps.db
      .select({ key })
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
        confidence: shownConfidence(engine),
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
      .where(inArray(key, pageRows))
      .orderBy(...sort)
      .all();
  };
  const pageRows = async () => {
    const hiding = f.sort === "confidence" ? await confidenceHidingSystems(deps) : [];
    const rows = await page(hiding.length > 0 ? notInArray(escalations.systemId, hiding) : undefined, orderBy[engine][f.sort], f.limit);
    // Judgement first: these items show no confidence, so they follow the others, oldest first.
    if (hiding.length > 0 && rows.length < f.limit) rows.push(...await page(inArray(escalations.systemId, hiding), orderBy[engine].age, f.limit - rows.length));
    return rows;
  };
  const [counted, rows] = await Promise.all([counting, pageRows()]);
  return {
    total: Math.min(counted, totalCap),
    totalCapped: counted > totalCap,
    serverNow: now,
    rows: rows.map(({ disputedAt, purgedAt, ...row }) => ({
      ...row,
      heldByMe: row.leaseHolderId === viewerId,
      // SQLite answers EXISTS with 1 or 0, PostgreSQL with a boolean.
      verifiedByMe: Boolean(row.verifiedByMe),
      // An expired lease is free again, even before the sweep has run.
      status: publicStatus({ ...row, disputedAt, purgedAt }, now),
    })),
    reasons: await reasonCodes(deps),
  };
}
