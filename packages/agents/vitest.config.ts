import { defineConfig } from "vitest/config";

export default defineConfig({ test: { name: "agents", include: ["test/**/*.test.ts"], testTimeout: 30_000 } });
