import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openDb } from "./db/client";
import { operator } from "./lib/context";
import { issueApiKey } from "./modules/systems/api-keys";
import { createSystem } from "./modules/systems/create-system";
import { verifyAuditLog } from "./audit/verify";
import { escalationBody } from "./testing/fixtures";

const main = resolve(fileURLToPath(import.meta.url), "../main.ts");
const tsx = ["--import", "tsx", main];

describe("the server process", () => {
  it("refuses to start on bad configuration and names the variable and the rule", () => {
    const result = spawnSync(process.execPath, tsx, {
      env: { ...process.env, PORT: "eighty", COUNTERSIGN_DB: ":memory:" },
      encoding: "utf8",
      // Starting tsx and importing the server takes seconds on a loaded 2-core runner.
      timeout: 90_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("PORT: PORT must be a number");
  }, 120_000);

  it("refuses a witness that is neither an https:// URL nor a file in an existing folder", () => {
    const result = spawnSync(process.execPath, tsx, {
      env: { ...process.env, COUNTERSIGN_WITNESS: "http://witness.example/checkpoints", COUNTERSIGN_DB: ":memory:" },
      encoding: "utf8",
      timeout: 90_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("COUNTERSIGN_WITNESS: COUNTERSIGN_WITNESS must be an https:// URL or a file path whose folder exists");
  }, 120_000);

  it("loses no acknowledged escalation when killed with SIGKILL", async () => {
    const dir = mkdtempSync(join(tmpdir(), "countersign-kill-"));
    const dbPath = join(dir, "nested", "countersign.db");
    const setup = openDb(dbPath);
    const deps = { db: setup, now: Date.now };
    const system = await createSystem(deps, operator, { slug: "refund-triage", name: "Refunds", oversightMode: "HOTL" });
    const { key } = await issueApiKey(deps, operator, system.id);
    setup.$client.close();

    const port = 18_000 + Math.floor(Math.random() * 2000);
    const server = spawn(process.execPath, tsx, {
      env: { ...process.env, PORT: String(port), COUNTERSIGN_DB: dbPath },
      stdio: ["ignore", "pipe", "pipe"],
    });
    await new Promise<void>((ready, fail) => {
      server.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("is running") && ready());
      server.once("exit", (code) => fail(new Error(`server exited early with ${code}`)));
    });

    const acknowledged: string[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/escalations`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify(escalationBody({ externalId: `kill-${i}` })),
      });
      if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
    }
    const exited = new Promise((done) => server.once("exit", done));
    server.kill("SIGKILL");
    await exited;

    const after = openDb(dbPath);
    const stored = after.$client.prepare("SELECT id FROM escalations").pluck().all();
    expect(acknowledged).toHaveLength(40);
    expect(stored).toEqual(expect.arrayContaining(acknowledged));
    expect((await verifyAuditLog(after)).ok).toBe(true);
    after.$client.close();
  }, 40_000);
});
