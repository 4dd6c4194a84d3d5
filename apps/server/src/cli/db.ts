import type { KeyObject } from "node:crypto";
import type { Command } from "commander";
import { checkpointSignatureValid } from "../audit/checkpoint";
import { existingSigningKey } from "../audit/signing-key";
import { chainWalk, type AuditLine } from "../audit/walk";
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
        "the server itself still runs on SQLite (PostgreSQL support is in progress)",
    )
    .action(async (options: { to: string }, command: Command) => {
      // Loaded here, not at the top: every other command starts without node-postgres.
      const { isPostgresUrl, openPgDb } = await import("../db/pg/client");
      const { copySqliteToPg, CopyRefused, pgRowCounts } = await import("../db/pg/copy");
      if (!isPostgresUrl(options.to)) throw new CliError(`--to must be a postgres:// or postgresql:// URL, not ${options.to}`);
      await cli.serveWithDeps(command, async ({ db: source }) => {
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
          const verdict = await walkCopiedChain(target, publicKey);
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

type ChainVerdict = { ok: true; entries: number; head: string; checkpoints: number } | { ok: false; firstBadSeq: number; problem: string };

/** The audit layer's own walk over the copied log (or any PostgreSQL one), read in pages of seq, with every checkpoint as an anchor. */
export async function walkCopiedChain(target: PgDb, publicKey: KeyObject | null): Promise<ChainVerdict> {
  const { rows: checkpoints } = await target.$client.query(
    "SELECT seq, size, head, at, signature, key_id AS \"keyId\" FROM checkpoints ORDER BY seq",
  );
  if (publicKey) {
    const forged = checkpoints.find((checkpoint) => !checkpointSignatureValid(checkpoint, publicKey));
    if (forged) return { ok: false, firstBadSeq: forged.size, problem: `checkpoint #${forged.seq}'s signature does not verify under the source's signing key` };
  }
  const walk = chainWalk(undefined, checkpoints.map((c) => ({ source: `checkpoint #${c.seq}`, size: c.size, head: c.head })));
  for (let after = 0; ; ) {
    const { rows } = await target.$client.query(
      `SELECT seq, at, actor_type AS "actorType", actor_id AS "actorId", action, entity_type AS "entityType", entity_id AS "entityId",
              payload, prev_hash AS "prevHash", hash
         FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 5000`,
      [after],
    );
    if (rows.length === 0) break;
    for (const line of rows as AuditLine[]) {
      const broken = walk.step(line);
      if (broken) return { ok: false, ...broken };
    }
    after = rows.at(-1)!.seq;
  }
  const removed = walk.end();
  if (removed) return { ok: false, ...removed };
  return { ok: true, entries: walk.entries(), head: walk.head(), checkpoints: checkpoints.length };
}
