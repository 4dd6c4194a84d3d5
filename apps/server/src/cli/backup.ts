import type { Command } from "commander";
import { signingKeyFileName } from "../audit/signing-key";
import { BackupRefused, backupDatabase, restoreDatabase } from "../modules/operations/backup";
import { CliError, databasePath, type CliContext, type CliIo } from "./context";

/** `backup FILE` and `restore FILE`: the operator's copy of the database, online, and its way back. */
export function registerBackupCommands(program: Command, cli: CliContext, io: CliIo) {
  program
    .command("backup")
    .argument("<file>", "where to write the copy (must not exist yet)")
    .description("an online, consistent copy of the database while the server keeps serving (SQLite's backup API)")
    .action(async (file: string, _options: unknown, command: Command) => {
      const report = await refusalsAsCliErrors(() => backupDatabase(databasePath(command, io, "back up PostgreSQL with pg_dump"), file));
      cli.out(`backup written: ${report.file} (${report.bytes} bytes; ${report.escalations} escalations, ${report.auditEntries} audit entries)`);
      cli.note(`the signing key (${signingKeyFileName}, beside the database) is not in the backup: keep a copy of it with your backups, apart from them`);
    });

  program
    .command("restore")
    .argument("<file>", "a backup written by `countersign backup`")
    .description(
      "replace the database with a backup: refuses while the server (or any command) has the database open, a file that is not a Countersign database, and a backup whose audit log does not verify; keeps the previous database aside",
    )
    .action(async (file: string, _options: unknown, command: Command) => {
      const report = await refusalsAsCliErrors(() => restoreDatabase(file, databasePath(command, io, "restore PostgreSQL with pg_restore")));
      cli.out(`restored ${report.database}: audit log verified (${report.auditEntries} entries), ${report.escalations} escalations`);
      if (report.keptAside) cli.out(`the previous database is kept at ${report.keptAside}`);
    });
}

async function refusalsAsCliErrors<T>(run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof BackupRefused) throw new CliError(error.message);
    throw error;
  }
}
