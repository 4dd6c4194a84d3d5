import { sql, type SQL } from "drizzle-orm";
import { escalations } from "../../db/schema/escalations";
import type { QueueFilter } from "@countersign/shared/queue";
import type { Deps } from "../../lib/context";

/**
 * The open queue, written as the literal the partial indexes (escalations_open_*) are declared
 * with: SQLite uses a partial index only when the query repeats its condition, bound parameters
 * do not count.
 */
export const openStatus = sql`${escalations.status} IN ('queued', 'in_review')`;
const closedStatus = sql`${escalations.status} NOT IN ('queued', 'in_review')`;

/** One status, with the literal condition of the partial indexes that hold it. */
export const statusCondition = (status: string) =>
  sql`(${status === "queued" || status === "in_review" ? openStatus : closedStatus} AND ${escalations.status} = ${status})`;

/** Above this many matches the page says "10,000+": counting a million rows is itself too slow. */
export const totalCap = 10_000;

/** Free text in the summary and the explanation is looked for among the newest escalations only. */
export const searchWindow = 10_000;

/**
 * The system, priority, reason and search (see `searchCondition`) filters. `unindexed` writes the column terms with a unary
 * plus, which keeps SQLite from reading the rows off that column's index.
 */
export function filterTerms(f: Pick<QueueFilter, "system" | "priority" | "reason">, search: SQL | undefined, unindexed: boolean): SQL[] {
  const column = (c: typeof escalations.systemId | typeof escalations.priority | typeof escalations.reasonCode) =>
    unindexed ? sql`+${c}` : sql`${c}`;
  const terms: SQL[] = [];
  // By the system's id, so that the escalation indexes on system_id serve the filter.
  if (f.system) terms.push(sql`${column(escalations.systemId)} = (SELECT id FROM ai_systems WHERE slug = ${f.system})`);
  if (f.priority) terms.push(sql`${column(escalations.priority)} = ${f.priority}`);
  if (f.reason) terms.push(sql`${column(escalations.reasonCode)} = ${f.reason}`);
  if (search) terms.push(search);
  return terms;
}

/**
 * The search box: an externalId or an escalation id by its beginning, through their indexes, over
 * every escalation; any text in the externalId, the context summary or the reason explanation over
 * the newest `searchWindow` escalations received (a leading wildcard cannot use a B-tree, and an
 * unbounded scan of a million rows takes a second). Rowids grow with intake, so the window is a
 * rowid range.
 */
export function searchCondition(deps: Deps, search: string): SQL {
  const pattern = `%${search.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
  // Every string that starts with `search` sorts between it and it followed by the last code point.
  const upper = `${search}\u{10FFFF}`;
  // Found once here, then shared by the page and its count as a list of rowids.
  const found = deps.db.$client
    .prepare(
      `SELECT rowid FROM escalations WHERE external_id >= :search AND external_id < :upper
       UNION SELECT rowid FROM escalations WHERE id >= :search AND id < :upper
       UNION SELECT rowid FROM escalations WHERE rowid > (SELECT max(rowid) FROM escalations) - :window
         AND (external_id LIKE :pattern ESCAPE '\\' OR context_summary LIKE :pattern ESCAPE '\\' OR reason_explanation LIKE :pattern ESCAPE '\\')`,
    )
    .pluck()
    .all({ search, upper, pattern, window: searchWindow }) as number[];
  return sql`${escalations}.rowid IN (SELECT value FROM json_each(${JSON.stringify(found)}))`;
}

/**
 * The reasons the filter offers, one index probe per distinct reason (a skip scan written as a
 * recursive query) instead of a DISTINCT over every escalation.
 */
export function reasonCodes(deps: Deps): string[] {
  return deps.db.$client
    .prepare(
      `WITH RECURSIVE r(code) AS (
         SELECT min(reason_code) FROM escalations
         UNION ALL SELECT (SELECT min(reason_code) FROM escalations WHERE reason_code > r.code) FROM r WHERE r.code IS NOT NULL)
       SELECT code FROM r WHERE code IS NOT NULL`,
    )
    .pluck()
    .all() as string[];
}

/** Systems that hide the AI's confidence until the verdict (judgement first): their items sort as having none. */
export function confidenceHidingSystems(deps: Deps): string[] {
  return deps.db.$client.prepare("SELECT id FROM ai_systems WHERE json_extract(policy, '$.judgementFirst')").pluck().all() as string[];
}

/** The index that holds a view's rows in its sort order, where there is one (see the schema). */
export function sortIndex(status: string | undefined, sort: NonNullable<QueueFilter["sort"]>): string | undefined {
  if (!status || status === "queued" || status === "in_review") {
    return { priority: "escalations_open_priority_idx", age: "escalations_open_received_idx", due: "escalations_open_due_idx", confidence: "escalations_open_confidence_idx" }[sort];
  }
  return { priority: "escalations_status_priority_idx", age: "escalations_status_received_idx", due: undefined, confidence: undefined }[sort];
}
