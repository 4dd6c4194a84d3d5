import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import serverConfig from "./apps/server/vitest.config.ts";

/*
 * Test files at once. vitest's default is one fewer than the cores, so a single file at a time on
 * the 2-core CI machine; yet most of a server test's time is spent waiting (a sync to disk,
 * PostgreSQL, a child process, a timer), so more files than cores keep both busy.
 * COUNTERSIGN_TEST_WORKERS overrides it.
 */
const maxWorkers = Number(process.env.COUNTERSIGN_TEST_WORKERS) || availableParallelism() + 1;

/*
 * The server's test files share their worker's modules rather than each loading the server afresh
 * (isolate: false): loading them was half of the suite's CPU. Each file makes its own databases,
 * clocks and servers through the fixtures, so no file sees another's data; what a worker's files do
 * share is process-wide (Prometheus counters), which a test reads as at least what it caused.
 */
const isolate = false;

/** Tests that compare the cost of one thing at two sizes: they run last, one at a time, with nothing beside them. */
const alone = [
  "src/modules/queue/claim-scale.test.ts",
  "src/modules/queue/list-scale.test.ts",
  "src/modules/indicators/dashboard-scale.test.ts",
  "src/modules/reviews/decide-scale.test.ts",
  "src/modules/gold/gold-scale.test.ts",
  "src/modules/retention/purge-scale.test.ts",
];
// The server's own config, its setup file by absolute path (relative, it would be read from here).
const server = { ...serverConfig.test, setupFiles: [fileURLToPath(new URL("./apps/server/src/testing/vitest-setup.ts", import.meta.url))] };

export default defineConfig({
  test: {
    projects: [
      ...["packages/shared", "packages/client", "packages/agents"].map((root) => ({ extends: `./${root}/vitest.config.ts`, root: `./${root}`, test: { maxWorkers } })),
      { root: "./apps/server", test: { ...server, exclude: alone, maxWorkers, isolate } },
      { root: "./apps/server", test: { ...server, name: "server-alone", include: alone, maxWorkers: 1, isolate, sequence: { groupOrder: 1 } } },
    ],
  },
});
