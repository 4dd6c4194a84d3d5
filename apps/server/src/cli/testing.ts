import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
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
