import { defineConfig } from "@playwright/test";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.E2E_PORT ?? 8799);
/** Every run starts the real server, in demo mode, on a fresh database of its own (per port, so runs on different ports never share files). */
export const e2eDataDir = join(here, ".tmp", String(port));
export const baseURL = `http://127.0.0.1:${port}`;

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
    command: `rm -rf "${e2eDataDir}" && mkdir -p "${e2eDataDir}" && node --import tsx ../apps/server/src/main.ts --demo`,
    cwd: here,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    // Seeding three weeks of demo history takes seconds on an idle machine, far longer on a busy 2-core CI runner.
    timeout: 240_000,
    stdout: "pipe",
    // Webhook specs run their receiver on this machine: allow loopback URLs (refused by default).
    env: { PORT: String(port), HOST: "127.0.0.1", COUNTERSIGN_DB: join(e2eDataDir, "countersign.db"), COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE: "1", COUNTERSIGN_LOG_LEVEL: "warn" },
  },
});
