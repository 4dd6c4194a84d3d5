import type { Db } from "../../db/client";
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "../../db/schema/index";
import { verifyAuditLog } from "../../audit/verify";

/** A mistake the operator can fix (wrong file, server still running): the CLI prints the message, exit 1. */
export class BackupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupRefused";
  }
}

export type BackupReport = { file: string; bytes: number; auditEntries: number; escalations: number };

/**
 * An online, consistent copy of the database while the server keeps writing: SQLite's backup API
 * (better-sqlite3's db.backup()), told to copy every page in one step. One step reads one
 * snapshot (in WAL mode a reader never blocks the server's writes); in smaller steps, every write
 * by the server would restart the copy. Written to FILE.partial, renamed to FILE when whole.
 */
export async function backupDatabase(databasePath: string, file: string): Promise<BackupReport> {
  const target = resolve(file);
  if (existsSync(target)) throw new BackupRefused(`${target} exists already: a backup never overwrites a file; choose a new name`);
  if (!existsSync(dirname(target))) throw new BackupRefused(`the folder ${dirname(target)} does not exist`);
  if (!existsSync(databasePath)) throw new BackupRefused(`no Countersign database at ${resolve(databasePath)}`);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const source = new Database(databasePath, { fileMustExist: true, timeout: 5000 });
  try {
    await source.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
  // A single self-contained file: rollback-journal mode, so it opens (read-only too) without a -wal beside it.
  const copy = new Database(partial, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  const counts = countsOf(partial);
  renameSync(partial, target);
  return { file: target, bytes: statSync(target).size, ...counts };
}

export type RestoreReport = { database: string; keptAside: string | null; auditEntries: number; escalations: number };

/**
 * Replaces the database with a backup. Refuses while any process (the server, another command)
 * has the database open, a file that is not a Countersign database, and a backup whose audit
 * chain or signed checkpoints do not verify under the signing key beside the database. The
 * previous database (with its -wal and -shm) is kept aside as DB.before-restore-<time>.
 */
export async function restoreDatabase(file: string, databasePath: string, now = new Date()): Promise<RestoreReport> {
  const backup = resolve(file);
  const database = resolve(databasePath);
  if (!existsSync(backup)) throw new BackupRefused(`no backup file at ${backup}`);
  if (existsSync(database)) assertNobodyHolds(database);

  // Checked as a copy where it will live, beside the database: the backup file itself is only read,
  // and the signing key beside the database is the one its checkpoints must verify under.
  const restoring = `${database}.restoring`;
  mkdirSync(dirname(database), { recursive: true });
  copyFileSync(backup, restoring);
  try {
    assertCountersignDatabase(restoring, backup);
    const sqlite = new Database(restoring, { fileMustExist: true });
    try {
      const result = await verifyAuditLog(drizzle(sqlite, { schema }) as unknown as Db);
      if (!result.ok) {
        throw new BackupRefused(
          `the backup's audit log does not verify: entry seq ${result.firstBadSeq} fails: ${result.problem}. Nothing was restored.`,
        );
      }
    } finally {
      sqlite.close();
    }
    const counts = countsOf(restoring);
    const stamp = now.toISOString().replaceAll(":", "-");
    let keptAside: string | null = null;
    if (existsSync(database)) {
      keptAside = `${database}.before-restore-${stamp}`;
      for (const suffix of ["", "-wal", "-shm"]) if (existsSync(`${database}${suffix}`)) renameSync(`${database}${suffix}`, `${keptAside}${suffix}`);
    }
    renameSync(restoring, database);
    return { database, keptAside, ...counts };
  } catch (error) {
    rmSync(restoring, { force: true });
    throw error;
  }
}

/**
 * Whether a process has the database open: an exclusive lock cannot be had while any connection
 * holds its shared lock. The lock is the operating system's, so a server killed with -9 holds
 * nothing; a live one (or a running CLI command) does.
 */
function assertNobodyHolds(database: string) {
  const probe = new Database(database, { fileMustExist: true, timeout: 0 });
  try {
    probe.pragma("locking_mode = EXCLUSIVE");
    probe.exec("BEGIN EXCLUSIVE");
    probe.exec("COMMIT");
  } catch {
    throw new BackupRefused(
      `${database} is in use: stop the server (systemctl stop countersign, or SIGTERM) and any running countersign command, then restore. Nothing was changed.`,
    );
  } finally {
    probe.close();
  }
}

const countersignTables = ["__drizzle_migrations", "ai_systems", "escalations", "audit_log", "checkpoints"];

function assertCountersignDatabase(copy: string, file: string) {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(copy, { fileMustExist: true });
  } catch (error) {
    throw new BackupRefused(`${file} cannot be opened as a database: ${(error as Error).message}`);
  }
  try {
    const tables = new Set(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const missing = countersignTables.filter((table) => !tables.has(table));
    if (missing.length > 0) throw new BackupRefused(`${file} is not a Countersign database: it has no ${missing.join(", ")} table`);
  } catch (error) {
    if (error instanceof BackupRefused) throw error;
    throw new BackupRefused(`${file} is not a Countersign database: ${(error as Error).message}`);
  } finally {
    sqlite.close();
  }
}

function countsOf(file: string) {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    return {
      auditEntries: (sqlite.prepare("SELECT count(*) FROM audit_log").pluck().get() as number) ?? 0,
      escalations: (sqlite.prepare("SELECT count(*) FROM escalations").pluck().get() as number) ?? 0,
    };
  } finally {
    sqlite.close();
  }
}
