import { existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { openDb } from "../db/client";
import { readEnv } from "../env";
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
      const path = databasePath(command, io);
      if (path !== ":memory:" && !existsSync(path)) {
        throw new CliError(`no Countersign database at ${resolve(path)}. Pass --db <path> or set COUNTERSIGN_DB to the file the server uses.`);
      }
      const db = openDatabase(path);
      try {
        await run({ db, now: Date.now });
      } finally {
        db.$client.close();
      }
    },
    async withDeps(command, access, run) {
      const path = databasePath(command, io);
      const isNew = path !== ":memory:" && !existsSync(path);
      if (isNew && access === "existing") {
        throw new CliError(
          `no Countersign database at ${resolve(path)}. Pass --db <path> or set COUNTERSIGN_DB to the file the server uses (it prints the path when it starts).`,
        );
      }
      const db = openDatabase(path);
      let succeeded = false;
      try {
        const result = await run({ db, now: Date.now });
        succeeded = true;
        return result;
      } finally {
        db.$client.close();
        // A database created for a command that then failed (say, a bad email) is not left behind.
        if (isNew && !succeeded) for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
        if (isNew && succeeded) io.stderr.write(`Created a new Countersign database at ${resolve(path)}\n`);
      }
    },
  };
}

/** --db wins over COUNTERSIGN_DB, which wins over the default, read the same way the server reads it. */
export function databasePath(command: Command, io: CliIo): string {
  const { db } = command.optsWithGlobals<{ db?: string }>();
  return db ?? readEnv(io.env ?? process.env).COUNTERSIGN_DB;
}

function openDatabase(path: string) {
  try {
    return openDb(path);
  } catch (error) {
    throw new CliError(`cannot open the database ${resolve(path)}: ${(error as Error).message}`);
  }
}
