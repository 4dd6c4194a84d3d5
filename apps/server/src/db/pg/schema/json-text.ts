import { customType } from "drizzle-orm/pg-core";

/**
 * The counterpart of SQLite's `text(..., { mode: "json" })`: JSON written by JSON.stringify into a
 * `text` column and parsed back on read. Not `json` or `jsonb`: jsonb reorders keys and drops
 * duplicates, and both make SQL that compares the stored text behave differently on each engine.
 */
export const jsonText = customType<{ data: unknown; driverData: string }>({
  dataType: () => "text",
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => JSON.parse(value) as unknown,
});
