import type { Command } from "commander";
import { existingSigningKey } from "../audit/signing-key";
import { verifyAuditLog } from "../audit/verify";
import type { Db } from "../db/client";
import { engineOf } from "../db/transaction";
import type { PgDb } from "../db/pg/client";
import type { Rounded } from "../db/pg/copy";
import { CliError, type CliContext } from "./context";

/** `db copy --to postgres://…`: a SQLite instance's data moved to PostgreSQL, its audit chain checked on arrival. */
export function registerDbCommands(program: Command, cli: CliContext) {
  const db = program.command("db").helpCommand(false).description("the database itself: move an instance to PostgreSQL");

  db.command("copy")
    .requiredOption("--to <url>", "the PostgreSQL database to copy into (postgres://…): migrated here, and it must be empty")
    .description(
      "copy every table of the SQLite database (--db) into an empty PostgreSQL database in one transaction, then walk the audit chain on the copy; " +
        "then run the server with COUNTERSIGN_DATABASE_URL set to it",
    )
    .action(async (options: { to: string }, command: Command) => {
      // Loaded here, not at the top: every other command starts without node-postgres.
      const { isPostgresUrl, openPgDb } = await import("../db/pg/client");
      const { copySqliteToPg, CopyRefused, pgRowCounts } = await import("../db/pg/copy");
      if (!isPostgresUrl(options.to)) throw new CliError(`--to must be a postgres:// or postgresql:// URL, not ${options.to}`);
      await cli.serveWithDeps(command, async ({ db: source }) => {
        if (engineOf(source) === "postgres") throw new CliError("db copy copies from a SQLite database file: pass it with --db <path>");
        let target: PgDb;
        try {
          target = await openPgDb(options.to, { max: 2 });
        } catch (error) {
          throw new CliError(`cannot open or migrate the PostgreSQL database: ${(error as Error).message}`);
        }
        try {
          const rounded: Rounded = new Map();
          const copied = await copySqliteToPg(source, target, rounded).catch((error: unknown) => {
            throw error instanceof CopyRefused ? new CliError(error.message) : error;
          });
          const arrived = new Map((await pgRowCounts(target)).map((count) => [count.table, count.rows]));
          for (const { table, rows } of copied) {
            if (arrived.get(table) !== rows) throw new CliError(`table ${table}: ${rows} rows copied but ${arrived.get(table)} arrived`);
          }
          const total = copied.reduce((sum, { rows }) => sum + rows, 0);
          cli.out(`copied ${total} rows in ${copied.length} tables into PostgreSQL (one transaction; every table's row count matches the source)`);
          for (const [column, count] of rounded) {
            cli.note(`${column}: ${count} fractional milliseconds rounded to whole ones (PostgreSQL's bigint holds whole numbers only)`);
          }

          const publicKey = existingSigningKey(source)?.publicKey ?? null;
          const verdict = await verifyAuditLog(target as unknown as Db, { publicKey });
          if (!verdict.ok) {
            cli.note(`the audit chain on the copy does NOT verify: entry seq ${verdict.firstBadSeq} fails: ${verdict.problem}.`);
            cli.fail(1);
            return;
          }
          cli.out(`audit chain on the copy verified: ${verdict.entries} entries, head ${verdict.head}`);
          cli.out(
            publicKey
              ? `signed checkpoints on the copy verified under the source's signing key: ${verdict.checkpoints}`
              : `checkpoint heads on the copy match the chain: ${verdict.checkpoints} (no signing key beside the source database to check their signatures)`,
          );
          cli.note("the signing key (countersign-signing-key.pem, beside the SQLite database) is not in any database: keep it, the copy's checkpoints verify only under it");
        } finally {
          await target.$client.end();
        }
      });
    });
}
