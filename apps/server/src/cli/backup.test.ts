import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDb } from "../db/client";
import { operator } from "../lib/context";
import { signingKeyFileName } from "../audit/signing-key";
import { issueApiKey } from "../modules/systems/api-keys";
import { createSystem } from "../modules/systems/create-system";
import { escalationBody } from "../testing/fixtures";
import { countersign, useTempDatabase } from "./testing";

const main = resolve(fileURLToPath(import.meta.url), "../../main.ts");
const cliMain = resolve(fileURLToPath(import.meta.url), "../main.ts");
const temp = useTempDatabase();
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A database with one AI system, an API key and a few audit entries; closed again. */
async function seed(dbPath: string) {
  const db = openDb(dbPath);
  const deps = { db, now: Date.now };
  const system = await createSystem(deps, operator, { slug: "refund-triage", name: "Refunds", oversightMode: "HOTL" });
  const { key } = await issueApiKey(deps, operator, system.id);
  db.$client.prepare("UPDATE ai_systems SET api_requests_per_minute = 100000").run();
  db.$client.close();
  return key;
}

describe("countersign backup and restore", () => {
  it("backs up while the server takes escalations, refuses to restore over the running server, and restores a copy whose audit log verifies with every escalation acknowledged before the backup", async () => {
    const key = await seed(temp.dbPath);
    const port = 22_000 + Math.floor(Math.random() * 2000);
    const server = spawn(process.execPath, ["--import", "tsx", main], {
      // Frequent checkpoints, so the backup holds signed checkpoints that the restore must verify.
      env: { ...process.env, PORT: String(port), COUNTERSIGN_DB: temp.dbPath, COUNTERSIGN_CHECKPOINT_ENTRIES: "10", COUNTERSIGN_LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((done) => server.once("exit", done));
    for (let up = false; !up; await pause(100)) up = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);

    const acknowledged = new Set<string>();
    let writing = true;
    const intake = async (client: number) => {
      for (let n = 0; writing; n++) {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/escalations`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
          body: JSON.stringify(escalationBody({ externalId: `client-${client}-${n}` })),
        });
        if (res.status === 201) acknowledged.add(((await res.json()) as { id: string }).id);
      }
    };
    const clients = [0, 1, 2].map(intake);
    while (acknowledged.size < 60) await pause(20);

    const beforeBackup = new Set(acknowledged);
    const backupFile = join(temp.dir, "backup.db");
    // The operator's command, in a process of its own, while this process keeps the intake going.
    const backup = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const run = spawn(process.execPath, ["--import", "tsx", cliMain, "backup", backupFile, "--db", temp.dbPath], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      run.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      run.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      run.once("exit", (code) => done({ code, stdout, stderr }));
    });
    const afterBackup = acknowledged.size;
    while (acknowledged.size < afterBackup + 20) await pause(20);

    // The server still holds the database: restoring over it is refused, and nothing changes.
    const refused = await countersign(["restore", backupFile, "--db", temp.dbPath]);
    writing = false;
    await Promise.all(clients);
    server.kill("SIGTERM");
    expect(await exited).toBe(0);

    expect(backup.stderr).toContain(signingKeyFileName);
    expect(backup, backup.stderr).toMatchObject({ code: 0, stdout: expect.stringMatching(/^backup written: .*backup\.db \(\d+ bytes; \d+ escalations, \d+ audit entries\)/) });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is in use: stop the server/);
    expect(existsSync(`${temp.dbPath}.restoring`)).toBe(false);

    // A new machine: the backup and the signing key kept beside it.
    const restoredPath = join(temp.dir, "restored", "countersign.db");
    mkdirSync(join(temp.dir, "restored"));
    copyFileSync(join(temp.dir, signingKeyFileName), join(temp.dir, "restored", signingKeyFileName));
    const restored = await countersign(["restore", backupFile, "--db", restoredPath]);
    expect(restored, restored.stderr).toMatchObject({ code: 0, stdout: expect.stringMatching(/^restored .*countersign\.db: audit log verified \(\d+ entries\), \d+ escalations\n$/) });
    const verified = await countersign(["audit", "verify", "--db", restoredPath]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^audit log verified: \d+ entries/);
    expect(verified.stdout).toMatch(/signed checkpoints verified: [1-9]\d*/);

    const db = new Database(restoredPath, { readonly: true });
    const stored = new Set(db.prepare("SELECT id FROM escalations").pluck().all() as string[]);
    db.close();
    expect([...beforeBackup].filter((id) => !stored.has(id))).toEqual([]);
    // Writes went on while the backup ran; the copy is one snapshot, so what came after it is not in it.
    expect(afterBackup).toBeGreaterThan(beforeBackup.size);
    expect(stored.size).toBeLessThan(acknowledged.size);
  }, 180_000);

  it("keeps the previous database aside when it restores over one", async () => {
    await seed(temp.dbPath);
    const backupFile = join(temp.dir, "backup.db");
    expect((await countersign(["backup", backupFile, "--db", temp.dbPath])).code).toBe(0);
    expect((await countersign(["system", "add", "--slug", "after-backup", "--name", "Added after", "--mode", "HITL", "--db", temp.dbPath])).code).toBe(0);

    const restored = await countersign(["restore", backupFile, "--db", temp.dbPath], {});
    expect(restored.code, restored.stderr).toBe(0);
    const aside = /the previous database is kept at (.*)\n/.exec(restored.stdout)![1]!;
    expect(aside).toMatch(/countersign\.db\.before-restore-\d{4}-\d\d-\d\dT/);
    const slugs = (path: string) => {
      const db = new Database(path, { readonly: true });
      const result = db.prepare("SELECT slug FROM ai_systems ORDER BY slug").pluck().all();
      db.close();
      return result;
    };
    expect(slugs(temp.dbPath)).toEqual(["refund-triage"]);
    expect(slugs(aside)).toEqual(["after-backup", "refund-triage"]);
  });

  it("refuses a file that is not a Countersign database, and a backup whose audit log was altered, changing nothing", async () => {
    await seed(temp.dbPath);
    const before = readFileSync(temp.dbPath);
    const text = join(temp.dir, "notes.txt");
    writeFileSync(text, "not a database at all, just some text that is long enough to look like a file ".repeat(20));
    const notDatabase = await countersign(["restore", text, "--db", temp.dbPath]);
    expect(notDatabase.code).toBe(1);
    expect(notDatabase.stderr).toMatch(/notes\.txt is not a Countersign database/);

    const otherSqlite = join(temp.dir, "other.db");
    new Database(otherSqlite).exec("CREATE TABLE notes (body TEXT)");
    const other = await countersign(["restore", otherSqlite, "--db", temp.dbPath]);
    expect(other.stderr).toMatch(/other\.db is not a Countersign database: it has no __drizzle_migrations, ai_systems, escalations, audit_log, checkpoints table/);

    const tampered = join(temp.dir, "tampered.db");
    expect((await countersign(["backup", tampered, "--db", temp.dbPath])).code).toBe(0);
    const db = new Database(tampered);
    db.exec("DROP TRIGGER audit_log_no_update");
    db.prepare("UPDATE audit_log SET payload = '{}' WHERE seq = 1").run();
    db.close();
    const altered = await countersign(["restore", tampered, "--db", temp.dbPath]);
    expect(altered.code).toBe(1);
    expect(altered.stderr).toMatch(/the backup's audit log does not verify: entry seq 1 fails: its content does not match its hash/);

    expect(readFileSync(temp.dbPath).equals(before)).toBe(true);
    expect(existsSync(`${temp.dbPath}.restoring`)).toBe(false);
  });
});
