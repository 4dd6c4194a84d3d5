import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import { trpcServer } from "@hono/trpc-server";
import { Hono, type Context } from "hono";
import { routePath } from "hono/route";
import { secureHeaders } from "hono/secure-headers";
import type { Deps } from "./lib/context";
import { AppError, inputErrorOf } from "./lib/errors";
import { currentRequestId, log as serverLog, type Logger } from "./lib/logger";
import { memoryLimiterStore, type LimiterStore } from "./lib/rate-limits";
import { requestLog } from "./lib/request-log";
import { openTo, restError, type RestEnv } from "./lib/rest";
import { clientAddress } from "./lib/same-origin";
import { apiDocsRoutes } from "./modules/api-docs/rest";
import { escalationRoutes } from "./modules/escalations/rest";
import { exportRoutes } from "./modules/export/rest";
import { instructionsRoutes } from "./modules/instructions/rest";
import { incidentPackRoutes } from "./modules/incidents/download";
import { publicKeyRoutes, systemRoutes } from "./modules/systems/rest";
import { volumeRoutes } from "./modules/volume/rest";
import { goldRoutes } from "./modules/gold/rest";
import { mcpRoutes } from "./modules/mcp/rest";
import { webhookEndpointRoutes } from "./modules/webhooks/rest";
import { healthRoutes } from "./modules/operations/health";
import { metricsRoutes } from "./modules/operations/metrics";
import { apiKeyRateLimit } from "./modules/systems/api-rate-limit";
import { defaultSignInLimits, signInThrottle, type SignInLimits } from "./modules/users/sign-in-throttle";
import { createContext, type AppInfo } from "./trpc/context";
import { trpcBodyLimit, workbenchMutationsOnly } from "./trpc/guards";
import { appRouter } from "./trpc/router";
import { refuseBodiesNotUtf8 } from "./lib/utf8-body";
import { ssoRoutes } from "./modules/sso/routes";
import { passwordOnly } from "./modules/sso/settings";

export const webDist = resolve(dirname(fileURLToPath(import.meta.url)), "../../web/dist");

/**
 * What guards the doors: the workbench's public origin (CSRF), the header a reverse proxy puts
 * the client's address in, where limit counters live, and the sign-in limits.
 */
export type Safeguards = {
  publicOrigin?: string | undefined;
  clientAddressHeader?: string | undefined;
  limiterStore: LimiterStore;
  signInLimits: SignInLimits;
};

/** How the service is run: where it logs, the token Prometheus must send, whether it is shutting down (readyz says so). */
export type Operations = {
  log: Logger;
  metricsToken?: string | undefined;
  shuttingDown: () => boolean;
};

const procedurePaths = new Set(Object.keys(appRouter._def.procedures));

/**
 * The route pattern a request matched, for the latency histogram and the access log: never the
 * raw path. tRPC's one route is told apart by procedure (a known name; batches as one label).
 */
function routeLabel(c: Context): string {
  const route = routePath(c);
  if (route !== "/trpc/*") return route;
  const procedure = c.req.path.slice("/trpc/".length);
  if (procedure.includes(",")) return "/trpc/(batch)";
  return procedurePaths.has(procedure) ? `/trpc/${procedure}` : "/trpc/(unknown)";
}

/** The one HTTP surface: REST for AI systems, tRPC for the workbench, the built web app, health and metrics. */
export function buildApp(
  deps: Deps,
  info: AppInfo = { demo: false, secureCookies: false },
  safeguards: Partial<Safeguards> = {},
  operations: Partial<Operations> = {},
) {
  const { publicOrigin, clientAddressHeader, limiterStore = memoryLimiterStore, signInLimits = defaultSignInLimits } = safeguards;
  const { log = serverLog, metricsToken, shuttingDown = () => false } = operations;
  const signIns = signInThrottle(limiterStore, signInLimits);
  const app = new Hono();

  // First: every line logged below, and every error body, carries the request's id.
  app.use(requestLog(log, routeLabel));

  // A refusal sent before the body was read (401, 403, 415, 429) leaves the rest of that body on
  // the wire: closing the connection after the answer lets a keep-alive client read the refusal
  // instead of failing its next request with "other side closed".
  app.use(async (c, next) => {
    await next();
    // bodyUsed first: asking a read request for its body would build a fetch Request over the socket.
    const request = c.req.raw;
    if (request.method !== "GET" && request.method !== "HEAD" && !request.bodyUsed && request.body) c.res.headers.set("Connection", "close");
    // While shutting down, a finished request's connection is closed instead of kept for another.
    if (shuttingDown()) c.res.headers.set("Connection", "close");
  });

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

  app.route("/", healthRoutes(deps, shuttingDown));
  app.route("/metrics", metricsRoutes(deps, metricsToken));

  const api = new Hono<RestEnv>();
  api.use(apiKeyRateLimit(deps, limiterStore));
  api.route("/escalations", escalationRoutes(deps));
  api.route("/volume", volumeRoutes(deps));
  api.route("/system/instructions", instructionsRoutes(deps));
  api.route("/system", systemRoutes(deps));
  api.route("/public-key", publicKeyRoutes(deps));
  api.route("/gold-items", goldRoutes(deps));
  api.route("/webhook-endpoints", webhookEndpointRoutes(deps));
  api.route("/", apiDocsRoutes());
  app.route("/api/v1", api);
  const mcp = new Hono<RestEnv>();
  mcp.use(apiKeyRateLimit(deps, limiterStore));
  mcp.route("/", mcpRoutes(deps));
  app.route("/mcp", mcp);
  // Mounted routes share the parent's router, so without this the workbench's catch-all below would answer an unknown REST path with HTML.
  app.all("/api/*", openTo("openWorkbench"), (c) => restError(c, new AppError("NOT_FOUND", `no route ${c.req.method} ${c.req.path}`)));

  // Downloads for the workbench, authenticated by its session cookie.
  app.route("/exports", exportRoutes(deps, publicOrigin));
  app.route("/exports", incidentPackRoutes(deps, publicOrigin));

  // Single sign-on: to the identity provider and back (browser navigations, not tRPC).
  app.route(
    "/auth/oidc",
    ssoRoutes(deps, info.signInMethods ?? passwordOnly, { secureCookies: info.secureCookies, clientAddressHeader, signInThrottle: signIns }),
  );

  app.use("/trpc/*", workbenchMutationsOnly(publicOrigin), trpcBodyLimit(deps), refuseBodiesNotUtf8);
  app.use(
    "/trpc/*",
    trpcServer({
      router: appRouter,
      endpoint: "/trpc",
      createContext: (opts, c) => createContext(deps, info, opts, { address: clientAddress(c, clientAddressHeader), signInThrottle: signIns }),
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") log.error({ err: error.cause ?? error, procedure: path ?? "?" }, "tRPC procedure failed");
      },
    }),
  );

  app.onError((error, c) => {
    if (error instanceof AppError) return restError(c, error);
    const input = inputErrorOf(error);
    if (input) return restError(c, input);
    log.error({ err: error, method: c.req.method, route: routeLabel(c) }, "request failed");
    const requestId = currentRequestId();
    return c.json({ error: { code: "INTERNAL", message: `internal error; the server log has it under request id ${requestId}`, issues: [], requestId } }, 500);
  });

  if (existsSync(webDist)) {
    // Vite names every asset by its content hash: a new tab on the workbench takes the page's code
    // from the browser's cache instead of asking this process for thirty files again.
    app.use("/assets/*", serveStatic({ root: webDist, onFound: (_path, c) => c.header("Cache-Control", "public, max-age=31536000, immutable") }));
    app.use("/favicon.svg", serveStatic({ root: webDist }));
    const indexHtml = readFileSync(resolve(webDist, "index.html"), "utf8");
    // Every other GET is a workbench route: the single-page app handles it.
    app.get("*", openTo("openWorkbench"), (c) => c.html(indexHtml));
  } else {
    app.get("/", openTo("openWorkbench"), (c) => c.text("The web app is not built: run `pnpm build`.", 503));
  }
  return app;
}
