import { spawn } from "node:child_process";
import { request } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openDb } from "../../db/client";
import { operator } from "../../lib/context";
import { escalationBody } from "../../testing/fixtures";
import { issueApiKey } from "../systems/api-keys";
import { createSystem } from "../systems/create-system";

const main = resolve(fileURLToPath(import.meta.url), "../../../main.ts");

/** Starts the real server process; `seen` waits for a text in its log. */
async function startServer(dbPath: string, shutdownSeconds: string) {
  const port = 20_000 + Math.floor(Math.random() * 2000);
  const server = spawn(process.execPath, ["--import", "tsx", main], {
    env: { ...process.env, PORT: String(port), COUNTERSIGN_DB: dbPath, COUNTERSIGN_SHUTDOWN_SECONDS: shutdownSeconds },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const seen = (text: string) =>
    new Promise<void>((found, fail) => {
      const check = () => log.includes(text) && found();
      server.stdout.on("data", check);
      server.once("exit", (code) => fail(new Error(`server exited with ${code} before logging "${text}":\n${log}`)));
      check();
    });
  const exited = new Promise<number | null>((done) => server.once("exit", (code) => done(code)));
  await seen("is running");
  return { server, port, seen, exited, output: () => log };
}

/** A database with one AI system; its API key. */
async function seed() {
  const dbPath = join(mkdtempSync(join(tmpdir(), "countersign-shutdown-")), "countersign.db");
  const setup = openDb(dbPath);
  const system = await createSystem({ db: setup, now: Date.now }, operator, { slug: "refund-triage", name: "Refunds", oversightMode: "HOTL" });
  const { key } = await issueApiKey({ db: setup, now: Date.now }, operator, system.id);
  setup.$client.close();
  return { dbPath, key };
}

describe("graceful shutdown", () => {
  it("on SIGTERM a request in flight completes, new connections are refused, and the process exits 0", async () => {
    const { dbPath, key } = await seed();
    const { server, port, seen, exited, output } = await startServer(dbPath, "20");

    // The escalation's body arrives in two halves: the request is in flight between them.
    const body = JSON.stringify(escalationBody({ externalId: "in-flight" }));
    const answered = new Promise<{ status: number; body: string }>((done, fail) => {
      const req = request(
        { host: "127.0.0.1", port, method: "POST", path: "/api/v1/escalations", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), authorization: `Bearer ${key}` } },
        (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString()));
          res.on("end", () => done({ status: res.statusCode!, body: text }));
        },
      );
      req.on("error", fail);
      req.write(body.slice(0, 100));
      setTimeout(() => {
        server.kill("SIGTERM");
        void seen("shutting down").then(async () => {
          await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
          req.end(body.slice(100));
        });
      }, 300);
    });

    const response = await answered;
    expect(response.status).toBe(201);
    expect(JSON.parse(response.body)).toMatchObject({ externalId: "in-flight", status: "queued" });
    expect(await exited).toBe(0);
    const lines = output().trim().split("\n").map((line) => JSON.parse(line) as { msg: string; level: string });
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining([expect.stringMatching(/^shutting down/), "stopped"]));
    expect(lines.at(-1)!.msg).toBe("stopped");

    const after = openDb(dbPath);
    expect(after.$client.prepare("SELECT count(*) FROM escalations WHERE external_id = 'in-flight'").pluck().get()).toBe(1);
    after.$client.close();
  }, 90_000);

  it("closes a request that outlasts the deadline, and still exits 0", async () => {
    const { dbPath, key } = await seed();
    const { server, port, seen, exited, output } = await startServer(dbPath, "1");
    const body = JSON.stringify(escalationBody({ externalId: "never-finished" }));
    const cut = new Promise<string>((done) => {
      const req = request(
        { host: "127.0.0.1", port, method: "POST", path: "/api/v1/escalations", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), authorization: `Bearer ${key}` } },
        () => done("answered"),
      );
      req.on("error", (error) => done(error.message));
      req.write(body.slice(0, 100));
    });
    await new Promise((settle) => setTimeout(settle, 300));
    const signalled = Date.now();
    server.kill("SIGTERM");
    await seen("shutting down");
    expect(await exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(15_000);
    expect(await cut).toMatch(/socket hang up|ECONNRESET/);
    expect(output()).toContain("shutdown deadline passed");
  }, 90_000);
});
