import react from "@vitejs/plugin-react";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { defineConfig, minify, transformWithOxc, type Plugin } from "vite";

const server = "http://127.0.0.1:8787";

/**
 * The page's first script (src/app/early-requests.ts) as a classic, parser-blocking script of a
 * few hundred bytes, before the app's module scripts: it runs as soon as it has arrived, while the
 * app's code is still on its way. Built apart from the app (a module script would be folded into
 * the app's entry and run only once all of its code had arrived), named by its content like every
 * asset (served immutable), and wrapped in a function so its names stay out of the page's scope.
 * The CSP allows only scripts from this origin, so it cannot be inline.
 */
function earlyRequestsFirst(): Plugin {
  const source = fileURLToPath(new URL("./src/app/early-requests.ts", import.meta.url));
  let fileName: string | null = null;
  return {
    name: "countersign-early-requests",
    async buildStart() {
      if (this.meta.watchMode) return;
      // Types are erased; what the transform leaves of the module's imports is an empty export.
      const code = (await transformWithOxc(await readFile(source, "utf8"), source, { lang: "ts" })).code.replace(/^export \{\};?$/m, "");
      if (/^\s*(import|export)\b/m.test(code)) throw new Error("src/app/early-requests.ts must import nothing at run time: it runs as a classic script");
      const script = (await minify("early-requests.js", `(() => {\n${code}\n})();\n`, { compress: true, mangle: true })).code;
      fileName = `assets/early-requests-${createHash("sha256").update(script).digest("hex").slice(0, 10)}.js`;
      this.emitFile({ type: "asset", fileName, source: script });
    },
    transformIndexHtml: {
      order: "pre",
      // The dev server serves the source itself (as a module: the same effect, a little later).
      handler: () => [
        fileName
          ? { tag: "script", attrs: { src: `/${fileName}` }, injectTo: "head-prepend" }
          : { tag: "script", attrs: { type: "module", src: "/src/app/early-requests.ts" }, injectTo: "head-prepend" },
      ],
    },
  };
}

export default defineConfig({
  plugins: [react(), earlyRequestsFirst()],
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
