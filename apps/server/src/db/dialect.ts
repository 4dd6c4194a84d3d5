import { engineOf } from "./transaction";

/*
 * The few SQL expressions SQLite and PostgreSQL write differently, for queries written as SQL.
 * Domain code builds its text with these (once per engine: statements are cached by their text),
 * so only db/ knows which engine runs it. JSON is stored as text on both engines (byte-exact), so
 * PostgreSQL casts it to jsonb where a query looks inside.
 *
 * What both engines already share needs nothing here: `count(*) FILTER (WHERE …)`, `coalesce`,
 * `CASE`, window functions, `"quoted"` identifiers (unquoted aliases fold to lower case on
 * PostgreSQL: always quote a camelCase alias, or let lib/prepared's statements do it).
 */
export type Engine = "sqlite" | "postgres";

export type Dialect = {
  engine: Engine;
  /** A JSON object's member as text (null when missing). `key` is a fixed identifier, never user input. */
  jsonText(json: string, key: string): string;
  /** A JSON object's member as a number (null when missing). */
  jsonNumber(json: string, key: string): string;
  /** A JSON object's member as a boolean (SQLite: 1/0; null when missing). */
  jsonBool(json: string, key: string): string;
  /** Whether a JSON array of strings holds `value` (an SQL expression: a parameter or a literal). */
  jsonArrayHas(json: string, value: string): string;
  /** A JSON array's length. */
  jsonArrayLength(json: string): string;
  /** `IN (…)` over a JSON array of strings passed as one text parameter: one statement whatever the list's length. */
  inJsonList(parameter: string): string;
  /** The UTC calendar day (YYYY-MM-DD text) of epoch milliseconds. */
  utcDay(epochMs: string): string;
  /** Epoch milliseconds of an ISO-8601 timestamp held as text. */
  isoToEpochMs(iso: string): string;
  /** The larger and the smaller of two values (SQLite's two-argument max and min). */
  greatest(a: string, b: string): string;
  least(a: string, b: string): string;
  /** A boolean as 1/0 (null stays null), for a value a query returns or adds up. */
  boolInt(bool: string): string;
  /** The Monday (YYYY-MM-DD) of the ISO week of epoch milliseconds (UTC). */
  utcWeekStart(epochMs: string): string;
  /** The ISO week of epoch milliseconds (UTC) as "2026-W47". */
  utcIsoWeek(epochMs: string): string;
  /** The first day (YYYY-MM-DD) of the UTC calendar month of epoch milliseconds. */
  utcMonthStart(epochMs: string): string;
  /** The UTC calendar month of epoch milliseconds as "2026-11". */
  utcMonth(epochMs: string): string;
  /** Whole epoch seconds (the fraction dropped) of an ISO-8601 timestamp held as text. */
  isoToEpochSeconds(iso: string): string;
  /** Text ordered by its bytes, as SQLite orders it (PostgreSQL would follow the database's locale). */
  bytewise(text: string): string;
  /** A JSON object from `'key', value, …` pairs. */
  jsonObject(pairs: string): string;
  /** The group's values as JSON array text in `orderBy`'s order ('[]' for no rows); its spacing differs by engine: parse it. */
  jsonGroupArray(value: string, orderBy: string): string;
};

const key = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`a JSON key in SQL must be an identifier, not ${name}`);
  return name;
};

const sqlite: Dialect = {
  engine: "sqlite",
  jsonText: (json, name) => `json_extract(${json}, '$.${key(name)}')`,
  jsonNumber: (json, name) => `json_extract(${json}, '$.${key(name)}')`,
  jsonBool: (json, name) => `json_extract(${json}, '$.${key(name)}')`,
  jsonArrayHas: (json, value) => `EXISTS (SELECT 1 FROM json_each(${json}) WHERE json_each.value = ${value})`,
  jsonArrayLength: (json) => `json_array_length(${json})`,
  inJsonList: (parameter) => `IN (SELECT value FROM json_each(${parameter}))`,
  utcDay: (ms) => `date(${ms} / 1000, 'unixepoch')`,
  isoToEpochMs: (iso) => `CAST(unixepoch(${iso}, 'subsec') * 1000 AS INTEGER)`,
  greatest: (a, b) => `max(${a}, ${b})`,
  least: (a, b) => `min(${a}, ${b})`,
  boolInt: (bool) => bool,
  utcWeekStart: (ms) => `date(${ms} / 1000, 'unixepoch', '-6 days', 'weekday 1')`,
  utcIsoWeek: (ms) => `strftime('%G-W%V', ${ms} / 1000, 'unixepoch')`,
  utcMonthStart: (ms) => `date(${ms} / 1000, 'unixepoch', 'start of month')`,
  utcMonth: (ms) => `strftime('%Y-%m', ${ms} / 1000, 'unixepoch')`,
  isoToEpochSeconds: (iso) => `unixepoch(${iso})`,
  bytewise: (text) => text,
  jsonObject: (pairs) => `json_object(${pairs})`,
  jsonGroupArray: (value, orderBy) => `json_group_array(${value} ORDER BY ${orderBy})`,
};

const postgres: Dialect = {
  engine: "postgres",
  jsonText: (json, name) => `((${json})::jsonb ->> '${key(name)}')`,
  jsonNumber: (json, name) => `((${json})::jsonb ->> '${key(name)}')::double precision`,
  jsonBool: (json, name) => `((${json})::jsonb ->> '${key(name)}')::boolean`,
  // @> with a one-element array: "contains this string" (the ? operator would read as a parameter).
  jsonArrayHas: (json, value) => `((${json})::jsonb @> jsonb_build_array(${value}::text))`,
  jsonArrayLength: (json) => `jsonb_array_length((${json})::jsonb)`,
  inJsonList: (parameter) => `IN (SELECT jsonb_array_elements_text((${parameter})::jsonb))`,
  utcDay: (ms) => `to_char(to_timestamp((${ms}) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  isoToEpochMs: (iso) => `floor(extract(epoch FROM (${iso})::timestamptz) * 1000)::bigint`,
  greatest: (a, b) => `greatest(${a}, ${b})`,
  least: (a, b) => `least(${a}, ${b})`,
  boolInt: (bool) => `(${bool})::int`,
  utcWeekStart: (ms) => `to_char(date_trunc('week', to_timestamp((${ms}) / 1000.0) AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`,
  utcIsoWeek: (ms) => `to_char(to_timestamp((${ms}) / 1000.0) AT TIME ZONE 'UTC', 'IYYY-"W"IW')`,
  utcMonthStart: (ms) => `to_char(to_timestamp((${ms}) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-01')`,
  utcMonth: (ms) => `to_char(to_timestamp((${ms}) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM')`,
  isoToEpochSeconds: (iso) => `floor(extract(epoch FROM (${iso})::timestamptz))::bigint`,
  bytewise: (text) => `(${text}) COLLATE "C"`,
  jsonObject: (pairs) => `json_build_object(${pairs})`,
  // Text, as SQLite's: node-postgres would hand a json value over parsed.
  jsonGroupArray: (value, orderBy) => `coalesce(json_agg(${value} ORDER BY ${orderBy}), '[]'::json)::text`,
};

/** The dialect of the engine a database handle runs on. */
export function dialectOf(db: object): Dialect {
  return engineOf(db) === "postgres" ? postgres : sqlite;
}

/** The dialect of an engine by name. */
export function dialectFor(engine: Engine): Dialect {
  return engine === "postgres" ? postgres : sqlite;
}
