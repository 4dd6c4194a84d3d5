import { sql, type SQL } from "drizzle-orm";
import { dialectFor, ordersByCodePoint, type Engine } from "../../db/dialect";
import { escalations } from "../../db/schema/escalations";
import { engineOf } from "../../db/transaction";
import type { QueueFilter } from "@countersign/shared/queue";
import type { Deps } from "../../lib/context";
import { statement } from "../../lib/prepared";

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
 * How the page names a row: SQLite's rowid, which every index holds (a condition on it reads no
 * row), PostgreSQL's primary key (it has no rowid).
 */
export const rowKey = (engine: Engine, table: string) => (engine === "postgres" ? `${table}.id` : `${table}.rowid`);

/**
 * The system, priority, reason and search (see `searchCondition`) filters. `unindexed` writes the column terms with a unary
 * plus, which keeps SQLite from reading the rows off that column's index (PostgreSQL's planner
 * chooses by its statistics, and has no unary plus on text).
 */
export function filterTerms(
  engine: Engine,
  f: Pick<QueueFilter, "system" | "priority" | "reason">,
  search: SQL | undefined,
  unindexed: boolean,
): SQL[] {
  const column = (c: typeof escalations.systemId | typeof escalations.priority | typeof escalations.reasonCode) =>
    unindexed && engine === "sqlite" ? sql`+${c}` : sql`${c}`;
  const terms: SQL[] = [];
  // By the system's id, so that the escalation indexes on system_id serve the filter.
  if (f.system) terms.push(sql`${column(escalations.systemId)} = (SELECT id FROM ai_systems WHERE slug = ${f.system})`);
  if (f.priority) terms.push(sql`${column(escalations.priority)} = ${f.priority}`);
  if (f.reason) terms.push(sql`${column(escalations.reasonCode)} = ${f.reason}`);
  if (search) terms.push(search);
  return terms;
}

/** Any text in the externalId, the context summary or the reason explanation. */
const containsText = `(external_id LIKE :pattern ESCAPE '\\' OR context_summary LIKE :pattern ESCAPE '\\' OR reason_explanation LIKE :pattern ESCAPE '\\')`;

/** The newest `searchWindow` escalations received, read system by system off (system_id, received_at) rather than sorting every row. */
const newestPostgres = `SELECT id FROM (
         SELECT e.id, e.external_id, e.context_summary, e.reason_explanation
           FROM ai_systems s CROSS JOIN LATERAL (
             SELECT id, external_id, context_summary, reason_explanation, received_at FROM escalations WHERE system_id = s.id ORDER BY received_at DESC LIMIT :window) e
          ORDER BY e.received_at DESC LIMIT :window) newest
        WHERE ${containsText}`;

const searchText = {
  // Rowids grow with intake, so the window is a rowid range.
  sqlite: `SELECT rowid FROM escalations WHERE external_id >= :search AND external_id < :upper
       UNION SELECT rowid FROM escalations WHERE id >= :search AND id < :upper
       UNION SELECT rowid FROM escalations WHERE rowid > (SELECT max(rowid) FROM escalations) - :window AND ${containsText}`,
  // Under a code-point order the prefix's range walks the B-tree; starts_with keeps the match exact.
  postgres: `SELECT id FROM escalations WHERE external_id >= :search AND external_id < :upper AND starts_with(external_id, :search)
       UNION SELECT id FROM escalations WHERE id >= :search AND id < :upper AND starts_with(id, :search)
       UNION ${newestPostgres}`,
  // Under a linguistic collation no range holds a prefix's strings: each row is matched (a scan of every escalation).
  postgresLinguistic: `SELECT id FROM escalations WHERE starts_with(external_id, :search)
       UNION SELECT id FROM escalations WHERE starts_with(id, :search)
       UNION ${newestPostgres}`,
};

/**
 * The search box: an externalId or an escalation id by its beginning, through their indexes, over
 * every escalation; any text in the externalId, the context summary or the reason explanation over
 * the newest `searchWindow` escalations received (a leading wildcard cannot use a B-tree, and an
 * unbounded scan of a million rows takes a second).
 */
export async function searchCondition(deps: Deps, search: string): Promise<SQL> {
  const engine = engineOf(deps.db);
  const pattern = `%${search.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
  // Every string that starts with `search` sorts between it and it followed by the last code point.
  const upper = `${search}\u{10FFFF}`;
  // Found once here, then shared by the page and its count as a list of row keys.
  const text = engine === "sqlite" ? searchText.sqlite : (await ordersByCodePoint(deps.db)) ? searchText.postgres : searchText.postgresLinguistic;
  const found = await statement(deps.db, text).column({ search, upper, pattern, window: searchWindow });
  // The dialect writes the IN around a parameter, which drizzle binds here.
  const [before, after] = dialectFor(engine).inJsonList("\0").split("\0") as [string, string];
  return sql`${sql.raw(rowKey(engine, '"escalations"'))} ${sql.raw(before)}${JSON.stringify(found)}${sql.raw(after)}`;
}

/**
 * The reasons the filter offers, one index probe per distinct reason (a skip scan written as a
 * recursive query) instead of a DISTINCT over every escalation.
 */
export async function reasonCodes(deps: Deps): Promise<string[]> {
  return statement(
    deps.db,
    `WITH RECURSIVE r(code) AS (
       SELECT min(reason_code) FROM escalations
       UNION ALL SELECT (SELECT min(reason_code) FROM escalations WHERE reason_code > r.code) FROM r WHERE r.code IS NOT NULL)
     SELECT code FROM r WHERE code IS NOT NULL`,
  ).column<string>();
}

const hidingText = {
  sqlite: `SELECT id FROM ai_systems WHERE ${dialectFor("sqlite").jsonBool("policy", "judgementFirst")}`,
  postgres: `SELECT id FROM ai_systems WHERE ${dialectFor("postgres").jsonBool("policy", "judgementFirst")}`,
};

/** Systems that hide the AI's confidence until the verdict (judgement first): their items sort as having none. */
export async function confidenceHidingSystems(deps: Deps): Promise<string[]> {
  return statement(deps.db, hidingText[engineOf(deps.db)]).column<string>();
}

/** The index that holds a view's rows in its sort order, where there is one (see the schema). */
export function sortIndex(status: string | undefined, sort: NonNullable<QueueFilter["sort"]>): string | undefined {
  if (!status || status === "queued" || status === "in_review") {
    return { priority: "escalations_open_priority_idx", age: "escalations_open_received_idx", due: "escalations_open_due_idx", confidence: "escalations_open_confidence_idx" }[sort];
  }
  return { priority: "escalations_status_priority_idx", age: "escalations_status_received_idx", due: undefined, confidence: undefined }[sort];
}
