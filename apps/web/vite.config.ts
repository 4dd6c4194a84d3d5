import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const server = "http://127.0.0.1:8787";

export default defineConfig({
  plugins: [react()],
  // The manifest lets scripts/first-page-budget.mjs weigh what each first page loads.
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, manifest: true },
  server: {
    port: 5173,
    proxy: {
      "/trpc": { target: server, changeOrigin: false },
      "/api": { target: server, changeOrigin: false },
      "/exports": { target: server, changeOrigin: false },
    },
  },
});
