import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { countersign, useTempDatabase } from "./testing";

const temp = useTempDatabase();
const serverDir = join(dirname(fileURLToPath(import.meta.url)), "../..");

describe("the countersign entry point", () => {
  it("runs as a real process: help on stdout, exit code 0", () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "--help"], { cwd: serverDir, encoding: "utf8" });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    expect(child.stdout).toContain("Usage: countersign");
    for (const group of ["user", "system", "key", "audit"]) expect(child.stdout).toMatch(new RegExp(`^\\s+${group}\\s`, "m"));
  });

  it("hands a failing command's exit code and message to the shell, reading COUNTERSIGN_DB", () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "audit", "verify"], {
      cwd: serverDir,
      encoding: "utf8",
      env: { ...process.env, COUNTERSIGN_DB: temp.dbPath },
    });
    expect(child.status).toBe(1);
    expect(child.stdout).toBe("");
    expect(child.stderr).toBe(`error: no Countersign database at ${temp.dbPath}. Pass --db <path> or set COUNTERSIGN_DB to the file the server uses (it prints the path when it starts).\n`);
  });
});

describe("choosing the database", () => {
  it("uses COUNTERSIGN_DB when --db is not given", async () => {
    const run = await countersign(["system", "add", "--slug", "kyc", "--name", "KYC", "--mode", "HITL"], { COUNTERSIGN_DB: temp.dbPath });
    expect(run.code).toBe(0);
    expect((await countersign(["--db", temp.dbPath, "system", "list"])).stdout).toContain("kyc");
  });

  it("lets --db override COUNTERSIGN_DB", async () => {
    await countersign(["--db", temp.dbPath, "system", "add", "--slug", "kyc", "--name", "KYC", "--mode", "HITL"]);
    const run = await countersign(["--db", temp.dbPath, "system", "list"], { COUNTERSIGN_DB: join(temp.dir, "other.db") });
    expect(run.stdout).toContain("kyc");
  });
});

describe("usage", () => {
  it("prints help on stdout and exits 0 for --help on any command", async () => {
    const run = await countersign(["key", "issue", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: countersign key issue [options]");
    expect(run.stdout).toContain("--system <slug>");
  });

  it("fails on an unknown command and says so", async () => {
    const run = await countersign(["frobnicate"]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("error: unknown command 'frobnicate'");
  });
});
