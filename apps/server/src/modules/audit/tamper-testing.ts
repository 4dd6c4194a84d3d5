import Database from "better-sqlite3";
import { engineOf, transaction } from "../../db/transaction";
import type { Deps } from "../../lib/context";
import { statement } from "../../lib/prepared";

/**
 * What someone with direct write access to the database does behind the server's back: drops the
 * append-only triggers (same names on both engines) and runs `statements` — on SQLite with another
 * client on the file, on PostgreSQL with plain SQL.
 */
export async function tamper(t: { deps: Deps; path: string }, triggers: string[], statements: string[]) {
  if (engineOf(t.deps.db) === "postgres") {
    await transaction(t.deps.db, async () => {
      for (const trigger of triggers) await statement(t.deps.db, `DROP TRIGGER ${trigger} ON ${trigger.replace(/_no_(update|delete)$/, "")}`).run();
      for (const text of statements) await statement(t.deps.db, text).run();
    });
    return;
  }
  const raw = new Database(t.path);
  for (const trigger of triggers) raw.exec(`DROP TRIGGER ${trigger}`);
  for (const text of statements) raw.exec(text);
  raw.close();
}
