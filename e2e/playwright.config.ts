import { defineConfig } from "@playwright/test";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.E2E_PORT ?? 8799);
/** Every run starts the real server, in demo mode, on a fresh database of its own (per port, so runs on different ports never share files). */
export const e2eDataDir = join(here, ".tmp", String(port));
export const baseURL = `http://127.0.0.1:${port}`;

/*
 * With COUNTERSIGN_TEST_ENGINE=postgres (as for vitest; scripts/with-postgres.sh gives the server),
 * the demo server runs on a PostgreSQL database of this port's own, emptied before each start.
 */
const pgServer = process.env.COUNTERSIGN_TEST_ENGINE === "postgres" ? process.env.COUNTERSIGN_TEST_DATABASE_URL : undefined;
if (process.env.COUNTERSIGN_TEST_ENGINE === "postgres" && !pgServer) throw new Error("COUNTERSIGN_TEST_ENGINE=postgres needs COUNTERSIGN_TEST_DATABASE_URL");

/** The command and variables that start the demo server on a fresh database in `dataDir`. */
export function demoServer(dataDir: string, name: string): { command: string; env: Record<string, string> } {
  const start = `rm -rf "${dataDir}" && mkdir -p "${dataDir}" && `;
  const main = "node --import tsx ../apps/server/src/main.ts --demo";
  if (!pgServer) return { command: start + main, env: { COUNTERSIGN_DB: join(dataDir, "countersign.db") } };
  const database = new URL(pgServer);
  database.pathname = `/countersign_e2e_${name}_${port}`;
  return {
    command: `${start}node --import tsx ../apps/server/src/testing/fresh-database-main.ts "${database}" && ${main}`,
    env: { COUNTERSIGN_DATABASE_URL: database.toString(), COUNTERSIGN_SIGNING_KEY_FILE: join(dataDir, "signing-key.pem") },
  };
}
const server = demoServer(e2eDataDir, "main");

export default defineConfig({
  testDir: "./tests",
  outputDir: join(here, "test-results", String(port)),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: server.command,
    cwd: here,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    // Seeding three weeks of demo history takes seconds on an idle machine, far longer on a busy 2-core CI runner.
    timeout: 240_000,
    stdout: "pipe",
    // Webhook specs run their receiver on this machine: allow loopback URLs (refused by default).
    env: { PORT: String(port), HOST: "127.0.0.1", ...server.env, COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE: "1", COUNTERSIGN_LOG_LEVEL: "warn" },
  },
});
