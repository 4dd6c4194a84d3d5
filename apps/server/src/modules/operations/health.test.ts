import { describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { engineOf } from "../../db/transaction";
import { statement } from "../../lib/prepared";
import { write } from "../../lib/tx";
import { testDeps } from "../../testing/fixtures";

describe("/healthz and /readyz", () => {
  it("a fresh, migrated instance is alive and ready", async () => {
    const app = buildApp(testDeps().deps);
    const alive = await app.request("/healthz");
    expect(alive.status).toBe(200);
    expect(await alive.json()).toEqual({ status: "ok" });
    const ready = await app.request("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: "ready",
      failed: [],
      checks: { database: "ok", migrations: "ok", signingKey: "ok", shutdown: "ok" },
    });
  });

  it("is not ready while a migration of this version is not applied, and says so", async () => {
    const { deps } = testDeps();
    // drizzle's migrations table: in the main schema on SQLite, in its own schema on PostgreSQL.
    const migrations = engineOf(deps.db) === "postgres" ? "drizzle.__drizzle_migrations" : "__drizzle_migrations";
    await write(deps.db, () => statement(deps.db, `DELETE FROM ${migrations} WHERE created_at = (SELECT max(created_at) FROM ${migrations})`).run());
    const res = await buildApp(deps).request("/readyz");
    expect(res.status).toBe(503);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ status: "not ready", failed: ["migrations"] });
    expect(body.checks.migrations).toMatch(/^1 migration of this version not applied/);
  });

  it("is not ready without its database, but still alive (a liveness probe must not need the disk)", async () => {
    const { deps } = testDeps();
    const app = buildApp(deps);
    await deps.db.$client.close();
    expect((await app.request("/healthz")).status).toBe(200);
    const res = await app.request("/readyz");
    expect(res.status).toBe(503);
    expect(((await res.json()) as any).failed).toEqual(["database", "migrations"]);
  });

  it("is not ready once shutting down, so a load balancer stops sending requests", async () => {
    const res = await buildApp(testDeps().deps, undefined, {}, { shuttingDown: () => true }).request("/readyz");
    expect(res.status).toBe(503);
    expect(((await res.json()) as any).checks.shutdown).toMatch(/^shutting down/);
  });
});
