import { defineConfig } from "vitest/config";

export default defineConfig({
  // The Agents SDK exports traces to OpenAI by default; the examples run with no network.
  test: { name: "agents", include: ["test/**/*.test.ts"], testTimeout: 30_000, env: { OPENAI_AGENTS_DISABLE_TRACING: "1" } },
});
