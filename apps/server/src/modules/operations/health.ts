import { Hono } from "hono";
import { pendingMigrations } from "../../db/client";
import type { Deps } from "../../lib/context";
import { statement } from "../../lib/prepared";
import { openTo } from "../../lib/rest";
import { signingKeyFor } from "../../audit/signing-key";

type Check = { ok: true } | { ok: false; reason: string };

const attempt = async (check: () => string | null | Promise<string | null>): Promise<Check> => {
  try {
    const problem = await check();
    return problem === null ? { ok: true } : { ok: false, reason: problem };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
};

/**
 * `GET /healthz`: the process answers (no database: a liveness probe must not restart a server
 * that is only waiting on a busy disk). `GET /readyz`: it can serve — the database answers, every
 * migration of this build is applied, the signing key is loaded, and it is not shutting down;
 * otherwise 503 naming what failed, so a load balancer sends traffic elsewhere.
 */
export function healthRoutes(deps: Deps, shuttingDown: () => boolean) {
  const routes = new Hono();
  routes.get("/healthz", openTo("openWorkbench"), (c) => c.json({ status: "ok" }));
  routes.get("/readyz", openTo("openWorkbench"), async (c) => {
    const database = await attempt(async () => ((await statement(deps.db, "SELECT 1").value()) === 1 ? null : "SELECT 1 did not answer 1"));
    const migrations = database.ok
      ? await attempt(async () => {
          const pending = await pendingMigrations(deps.db);
          return pending === 0 ? null : `${pending} migration${pending === 1 ? "" : "s"} of this version not applied (the server applies them when it starts)`;
        })
      : ({ ok: false, reason: "database not reachable" } as const);
    const signingKey = await attempt(() => (signingKeyFor(deps.db).keyId ? null : "no key"));
    const shutdown: Check = shuttingDown() ? { ok: false, reason: "shutting down: finishing requests in flight" } : { ok: true };
    const checks = { database, migrations, signingKey, shutdown };
    const failed = Object.entries(checks)
      .filter(([, check]) => !check.ok)
      .map(([name]) => name);
    const body = {
      status: failed.length === 0 ? "ready" : "not ready",
      failed,
      checks: Object.fromEntries(Object.entries(checks).map(([name, check]) => [name, check.ok ? "ok" : check.reason])),
    };
    return c.json(body, failed.length === 0 ? 200 : 503);
  });
  return routes;
}
