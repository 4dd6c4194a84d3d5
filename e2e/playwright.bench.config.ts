import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * The web's speed, measured on demand (`pnpm --filter @countersign/e2e bench:web`): the same real
 * server and Chromium as the end-to-end suite, but the files print figures rather than assert
 * them, so a loaded machine never fails a build. Playwright's trace is off: it takes DOM
 * snapshots inside the page around each action, which would be measured too.
 */
export default defineConfig({
  ...base,
  testDir: "./bench",
  testMatch: "*.bench.ts",
  timeout: 600_000,
  use: { ...base.use, trace: "off", screenshot: "off" },
  // The server's request log would bury the figures.
  webServer: { ...base.webServer!, env: { ...(base.webServer as { env: Record<string, string> }).env, COUNTERSIGN_LOG_LEVEL: "warn" } },
});
