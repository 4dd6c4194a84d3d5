import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const main = resolve(fileURLToPath(import.meta.url), "../../main.ts");

export type ServerProcess = {
  process: ChildProcessByStdio<null, Readable, Readable>;
  base: string;
  /** Every line the process has logged so far (JSON lines). */
  log: string[];
  /** Resolves once the process has exited. */
  exited: Promise<unknown>;
};

/**
 * Starts the real server (src/main.ts) with these variables on a port of its own; resolves once
 * it listens, however long a busy machine takes.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = 18_000 + Math.floor(Math.random() * 2000);
  const child = spawn(process.execPath, ["--import", "tsx", main], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const exited = new Promise((done) => child.once("exit", done));
  let partial = "";
  child.stdout.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split("\n");
    partial = lines.pop()!;
    log.push(...lines);
  });
  // Drained, so a chatty process never blocks on a full pipe.
  child.stderr.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  await new Promise<void>((ready, fail) => {
    const check = () => log.some((line) => line.includes("is running")) && ready();
    child.stdout.on("data", check);
    child.once("exit", (code) => fail(new Error(`server exited early with ${code}`)));
  });
  return { process: child, base: `http://127.0.0.1:${port}`, log, exited };
}

/** Headers of a same-origin request from the workbench (tRPC mutations refuse others). */
export const sameOrigin = (base: string) => ({ origin: base, "sec-fetch-site": "same-origin", "content-type": "application/json" });
