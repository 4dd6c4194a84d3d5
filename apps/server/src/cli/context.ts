import { existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { openDb, type Db } from "../db/client";
import { isPostgresUrl } from "../db/pg/client";
import { readEnv } from "../env";
import { openInstance, withoutPassword } from "../instance";
import type { Deps } from "../lib/context";

/** Where the CLI reads its settings and writes its output: the process in production, strings in tests. */
export type CliIo = {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env?: NodeJS.ProcessEnv;
};

/** A mistake by the operator: reported as one readable message and a non-zero exit, never a stack. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/** What every command action gets: output that is easy to keep apart, and the database. */
export type CliContext = {
  /** A line for stdout: the command's result. */
  out(line?: string): void;
  /** A line for stderr: notes and warnings that must never mix with the result. */
  note(line: string): void;
  fail(exitCode: number): void;
  readonly exitCode: number;
  /**
   * Runs one command against the database and closes it afterwards. "existing" refuses a
   * path with no database, so a wrong path is reported instead of an empty database created.
   */
  withDeps<T>(command: Command, access: "create" | "existing", run: (deps: Deps) => T | Promise<T>): Promise<T>;
  /** withDeps for a command that keeps running (a server on stdio): the database closes when `run` settles. */
  serveWithDeps(command: Command, run: (deps: Deps) => Promise<void>): Promise<void>;
};

export function createCliContext(io: CliIo): CliContext {
  let exitCode = 0;
  return {
    out: (line = "") => io.stdout.write(`${line}\n`),
    note: (line) => io.stderr.write(`${line}\n`),
    fail: (code) => {
      exitCode = code;
    },
    get exitCode() {
      return exitCode;
    },
    async serveWithDeps(command, run) {
      const target = databaseTarget(command, io);
      if (target.engine === "sqlite" && target.path !== ":memory:" && !existsSync(target.path)) {
        throw new CliError(`no Countersign database at ${resolve(target.path)}. Pass --db <path> or set COUNTERSIGN_DB to the file the server uses.`);
      }
      const db = await openDatabase(target);
      try {
        await run({ db, now: Date.now });
      } finally {
        await db.$client.close();
      }
    },
    async withDeps(command, access, run) {
      const target = databaseTarget(command, io);
      // A PostgreSQL database is there or the connection fails: only a SQLite file can be created by a typo.
      const path = target.engine === "sqlite" ? target.path : null;
      const isNew = path !== null && path !== ":memory:" && !existsSync(path);
      if (isNew && access === "existing") {
        throw new CliError(
          `no Countersign database at ${resolve(path)}. Pass --db <path> or set COUNTERSIGN_DB to the file the server uses (it prints the path when it starts).`,
        );
      }
      const db = await openDatabase(target);
      let succeeded = false;
      try {
        const result = await run({ db, now: Date.now });
        succeeded = true;
        return result;
      } finally {
        await db.$client.close();
        // A database created for a command that then failed (say, a bad email) is not left behind.
        if (isNew && !succeeded) for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
        if (isNew && succeeded) io.stderr.write(`Created a new Countersign database at ${resolve(path)}\n`);
      }
    },
  };
}

/** The database a command works on: a SQLite file, or a PostgreSQL database with the signing key file its servers share. */
type DatabaseTarget = { engine: "sqlite"; path: string } | { engine: "postgres"; url: string; signingKeyFile: string };

/**
 * --db (a file, or a postgres:// URL) wins; without it, COUNTERSIGN_DATABASE_URL and then
 * COUNTERSIGN_DB, read the same way the server reads them.
 */
export function databaseTarget(command: Command, io: CliIo): DatabaseTarget {
  const { db } = command.optsWithGlobals<{ db?: string }>();
  const env = readEnv(io.env ?? process.env);
  const url = db ?? env.COUNTERSIGN_DATABASE_URL;
  if (url !== undefined && isPostgresUrl(url)) return { engine: "postgres", url, signingKeyFile: env.COUNTERSIGN_SIGNING_KEY_FILE };
  return { engine: "sqlite", path: db ?? env.COUNTERSIGN_DB };
}

/** The SQLite file of a command that works on the file itself (backup, restore, db copy's source); PostgreSQL is refused, naming what to use. */
export function databasePath(command: Command, io: CliIo, instead: string): string {
  const target = databaseTarget(command, io);
  if (target.engine === "postgres") throw new CliError(`this command works on a SQLite database file (--db <path>), not on PostgreSQL: ${instead}`);
  return target.path;
}

async function openDatabase(target: DatabaseTarget): Promise<Db> {
  if (target.engine === "postgres") {
    try {
      const settings = { COUNTERSIGN_DB: "", COUNTERSIGN_DATABASE_URL: target.url, COUNTERSIGN_SIGNING_KEY_FILE: target.signingKeyFile };
      return (await openInstance(settings)).db;
    } catch (error) {
      throw new CliError(`cannot open the database ${withoutPassword(target.url)}: ${(error as Error).message}`);
    }
  }
  try {
    return openDb(target.path);
  } catch (error) {
    throw new CliError(`cannot open the database ${resolve(target.path)}: ${(error as Error).message}`);
  }
}
