import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import { trpcServer } from "@hono/trpc-server";
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { Deps } from "./lib/context";
import { AppError } from "./lib/errors";
import { openTo, restError } from "./lib/rest";
import { escalationRoutes } from "./modules/escalations/rest";
import { exportRoutes } from "./modules/export/rest";
import { publicKeyRoutes, systemRoutes } from "./modules/systems/rest";
import { volumeRoutes } from "./modules/volume/rest";
import { goldRoutes } from "./modules/gold/rest";
import { createContext, type AppInfo } from "./trpc/context";
import { appRouter } from "./trpc/router";
import { refuseBodiesNotUtf8 } from "./lib/utf8-body";

export const webDist = resolve(dirname(fileURLToPath(import.meta.url)), "../../web/dist");

/** The one HTTP surface: REST for AI systems, tRPC for the workbench, the built web app, health. */
export function buildApp(deps: Deps, info: AppInfo = { demo: false, secureCookies: false }) {
  const app = new Hono();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
      },
    }),
  );

  app.get("/healthz", openTo("openWorkbench"), (c) => {
    deps.db.$client.prepare("SELECT 1").get();
    return c.json({ status: "ok" });
  });

  const api = new Hono();
  api.route("/escalations", escalationRoutes(deps));
  api.route("/volume", volumeRoutes(deps));
  api.route("/system", systemRoutes(deps));
  api.route("/public-key", publicKeyRoutes(deps));
  api.route("/gold-items", goldRoutes(deps));
  api.notFound((c) => restError(c, new AppError("NOT_FOUND", `no route ${c.req.method} ${c.req.path}`)));
  app.route("/api/v1", api);

  // Downloads for the workbench, authenticated by its session cookie.
  app.route("/exports", exportRoutes(deps));

  app.use("/trpc/*", refuseBodiesNotUtf8);
  app.use(
    "/trpc/*",
    trpcServer({
      router: appRouter,
      endpoint: "/trpc",
      createContext: (opts) => createContext(deps, info, opts),
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
      },
    }),
  );

  app.onError((error, c) => {
    if (error instanceof AppError) return restError(c, error);
    console.error(`${c.req.method} ${c.req.path} failed:`, error);
    return c.json({ error: { code: "INTERNAL", message: "internal error; see the server log", issues: [] } }, 500);
  });

  if (existsSync(webDist)) {
    app.use("/assets/*", serveStatic({ root: webDist }));
    app.use("/favicon.svg", serveStatic({ root: webDist }));
    const indexHtml = readFileSync(resolve(webDist, "index.html"), "utf8");
    // Every other GET is a workbench route: the single-page app handles it.
    app.get("*", openTo("openWorkbench"), (c) => c.html(indexHtml));
  } else {
    app.get("/", openTo("openWorkbench"), (c) => c.text("The web app is not built: run `pnpm build`.", 503));
  }
  return app;
}
