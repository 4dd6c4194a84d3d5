import { sql, type SQL } from "drizzle-orm";
import { dialectFor, type Engine } from "../../db/dialect";
import { escalations } from "../../db/schema/escalations";
import { engineOf } from "../../db/transaction";
import type { QueueFilter } from "@countersign/shared/queue";
import type { Deps } from "../../lib/context";
import { sqlOf, statement } from "../../lib/prepared";

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
 * row); on PostgreSQL (no rowid) its id in byte order, off escalations_id_bytewise_idx: the primary
 * key follows the database's collation, and under a linguistic one each of a search's thousands of
 * probes would compare ids by its rules.
 */
export const rowKey = (engine: Engine, table: string) => (engine === "postgres" ? dialectFor("postgres").bytewise(`${table}.id`) : `${table}.rowid`);

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

/**
 * The two prefixes a row of `t` may start with (its externalId, its id), each a range over an
 * index in byte order: SQLite's text is, and on PostgreSQL the indexes hold the columns in the "C"
 * collation (escalations_external_idx, escalations_id_bytewise_idx), since under the database's
 * own collation, when it is linguistic (en_US, ICU), no range holds a prefix's strings. Every
 * string that starts with the search sorts between it and it followed by the last code point.
 */
const prefixArms = {
  sqlite: (t: string) => [`${t}.external_id >= :search AND ${t}.external_id < :upper`, `${t}.id >= :search AND ${t}.id < :upper`],
  // starts_with keeps the match exact whatever the range lets through.
  postgres: (t: string) =>
    [`${t}.external_id`, `${t}.id`].map((column) => {
      const bytewise = dialectFor("postgres").bytewise(column);
      return `${bytewise} >= :search AND ${bytewise} < :upper AND starts_with(${column}, :search)`;
    }),
};
type Arms = (t: string) => string[];

/**
 * The newest `searchWindow` escalations whose text holds the search and which no prefix matches
 * (those are found by their prefix). Rowids grow with intake, so on SQLite the window is a rowid range.
 */
const textRows = (engine: Engine, arms: Arms) => {
  const notPrefixed = (t: string) => `NOT (${arms(t).map((arm) => `(${arm})`).join(" OR ")})`;
  return engine === "sqlite"
    ? `SELECT rowid FROM escalations WHERE rowid > (SELECT max(rowid) FROM escalations) - :window AND ${containsText} AND ${notPrefixed("escalations")}`
    : `${newestPostgres} AND ${notPrefixed("newest")}`;
};

/**
 * The rows whose externalId or id starts with :search (below :upper), up to one more than are
 * listed. UNION ALL streams, so a broad prefix stops at the limit (a row with both prefixes comes
 * twice: no matter for IN).
 */
export const prefixedRows = (engine: Engine) =>
  prefixArms[engine]("escalations").map((arm) => `SELECT ${rowKey(engine, "escalations")} FROM escalations WHERE ${arm}`).join(" UNION ALL ") +
  ` LIMIT ${listedMatches + 1}`;

/** More prefix matches than this, and they are a condition on each row rather than a list of them. */
const listedMatches = 2_000;

/**
 * The search box: an externalId or an escalation id by its beginning, through their indexes, over
 * every escalation; any text in the externalId, the context summary or the reason explanation over
 * the newest `searchWindow` escalations received (a leading wildcard cannot use a B-tree, and an
 * unbounded scan of a million rows takes a second). Matches are found once here and shared by the
 * page and its count as a list of row keys; a prefix that more than `listedMatches` rows start with
 * (a single letter) becomes a condition instead, which the page's walk of its sort order meets early.
 */
export async function searchCondition(deps: Deps, search: string): Promise<SQL> {
  const engine = engineOf(deps.db);
  const pattern = `%${search.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
  const upper = `${search}\u{10FFFF}`;
  const arms = prefixArms[engine];
  const prefixed = await statement(deps.db, prefixedRows(engine)).column<string | number>({ search, upper });
  const texts = await statement(deps.db, textRows(engine, arms)).column<string | number>({ search, upper, pattern, window: searchWindow });
  if (prefixed.length <= listedMatches) return keyIn(engine, [...prefixed, ...texts]);
  const byPrefix = sqlOf(arms("escalations").map((arm) => `(${arm})`).join(" OR "), { search, upper });
  return texts.length === 0 ? sql`(${byPrefix})` : sql`(${byPrefix} OR ${keyIn(engine, texts, true)})`;
}

/**
 * The row is one of these keys, as a JSON list (one parameter; PostgreSQL hashes it). Beside a
 * prefix's range (`besideRanges`) PostgreSQL gets an array parameter instead, which it can read off
 * the primary key in the same bitmap (planning weighs each element, so only there).
 */
function keyIn(engine: Engine, keys: (string | number)[], besideRanges = false): SQL {
  if (engine === "postgres" && besideRanges) return sql`${sql.raw(rowKey(engine, "escalations"))} = ANY (CAST(${sql.param(keys.map(String))} AS text[]))`;
  return sql`${sql.raw(rowKey(engine, '"escalations"'))} ${inList(engine, keys)}`;
}

/** `IN (…)` over values bound as one JSON parameter: one statement whatever the list's length. */
export function inList(engine: Engine, values: readonly (string | number)[]): SQL {
  // The dialect writes the IN around a parameter, which drizzle binds here.
  const [before, after] = dialectFor(engine).inJsonList("\0").split("\0") as [string, string];
  return sql`${sql.raw(before)}${JSON.stringify(values)}${sql.raw(after)}`;
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
