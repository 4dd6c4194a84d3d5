import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { signingKeyFileName, useSigningKeyFile } from "../audit/signing-key";
import { openDb, type Db } from "../db/client";
import { openPgDb } from "../db/pg/client";
import { pgTestUrl } from "../db/pg/test-database";
import { engineOf } from "../db/transaction";
import type { Deps } from "../lib/context";
import { statement } from "../lib/prepared";
import { runCli } from "./program";

export type CliRun = { code: number; stdout: string; stderr: string };

/** Runs the CLI in-process, as `countersign <argv…>` would, capturing both streams. */
export async function countersign(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
  });
  return { code, stdout, stderr };
}

/** A fresh temporary folder per test; `dbPath` is a database file inside it that does not exist yet. */
export function useTempDatabase() {
  const state = { dir: "", dbPath: "" };
  beforeEach(() => {
    state.dir = mkdtempSync(join(tmpdir(), "countersign-cli-"));
    state.dbPath = join(state.dir, "countersign.db");
  });
  afterEach(() => rmSync(state.dir, { recursive: true, force: true }));
  return state;
}

/** A test's database as the CLI reaches it: its SQLite file, or on PostgreSQL its URL and the signing key file beside `path`. */
function cliTarget(t: { deps: Deps; path: string; dir: string }): { argv: string[]; env: NodeJS.ProcessEnv } {
  if (engineOf(t.deps.db) !== "postgres") return { argv: ["--db", t.path], env: {} };
  return { argv: ["--db", pgTestUrl(t.deps.db)], env: { COUNTERSIGN_SIGNING_KEY_FILE: join(t.dir, signingKeyFileName) } };
}

/** `countersign <argv…>` on a test's database (see cliTarget). */
export function countersignOn(t: { deps: Deps; path: string; dir: string }, argv: string[]): Promise<CliRun> {
  const target = cliTarget(t);
  return countersign([...target.argv, ...argv], target.env);
}

/** The test's database opened again, as a second process would (close it with `$client.close()`). */
export async function reopened(t: { deps: Deps; path: string; dir: string }): Promise<Db> {
  if (engineOf(t.deps.db) !== "postgres") return openDb(t.path);
  // The test's database exists once its first statement has run (a closed handle has run some).
  await statement(t.deps.db, "SELECT 1").get().catch(() => undefined);
  const db = (await openPgDb(pgTestUrl(t.deps.db), { max: 2 })) as unknown as Db;
  useSigningKeyFile(db, join(t.dir, signingKeyFileName));
  return db;
}
