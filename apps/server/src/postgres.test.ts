import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "./db/client";
import { openPgDb, type PgDb } from "./db/pg/client";
import { freshPgDatabase, skipWithoutPostgres } from "./db/pg/test-database";
import { verifyAuditLog } from "./audit/verify";
import { operator, type Deps } from "./lib/context";
import { issueApiKey, revokeApiKey, systemForApiKey } from "./modules/systems/api-keys";
import { createSystem } from "./modules/systems/create-system";
import { listKeys, listSystems, systemBySlug } from "./modules/systems/queries";
import { createUser } from "./modules/users/create-user";
import { listUsers } from "./modules/users/queries";
import { setUserActive, setUserRoles } from "./modules/users/set-roles";
import { testDeps } from "./testing/fixtures";

/*
 * The domain's use cases, unchanged, on PostgreSQL (issue #15): the modules converted so far run
 * the same steps on both engines and must answer the same. db/pg/sqlite-compat.ts gives
 * PostgreSQL's query builders the endings the domain is written with; lib/prepared.ts runs its
 * plain SQL there. The rest of the modules still run on SQLite only.
 */
const start = Date.parse("2026-11-22T09:00:00Z");

async function story(deps: Deps) {
  const refunds = await createSystem(deps, operator, { slug: "refund-triage", name: "Refunds", oversightMode: "HOTL", description: "Zoë's «refunds»" });
  await createSystem(deps, operator, { slug: "kyc-check", name: "KYC", oversightMode: "HITL" });
  const ana = await createUser(deps, operator, { email: "ana@example.com", name: "Ana", roles: ["reviewer"] }, "correct horse battery staple");
  await createUser(deps, operator, { email: "lena@example.com", name: "Lena", roles: ["lead"] }, "correct horse battery staple");
  await setUserRoles(deps, operator, ana.id, ["reviewer", "lead"]);
  await setUserActive(deps, operator, ana.id, false);
  const kept = await issueApiKey(deps, operator, refunds.id, "gateway");
  const revoked = await issueApiKey(deps, operator, refunds.id, "old");
  await revokeApiKey(deps, operator, revoked.id);
  return {
    systems: (await listSystems(deps.db)).map(({ id: _id, createdAt: _at, ...system }) => system),
    bySlug: (await systemBySlug(deps.db, "refund-triage"))?.name,
    users: (await listUsers(deps.db)).map(({ id: _id, ...user }) => user),
    keys: (await listKeys(deps.db, refunds.id)).map((key) => ({ label: key.label, revoked: key.revokedAt !== null })),
    authenticates: (await systemForApiKey(deps, kept.key))?.slug ?? null,
    revokedAuthenticates: (await systemForApiKey(deps, revoked.key))?.slug ?? null,
  };
}

describe.skipIf(skipWithoutPostgres())("the same use cases on PostgreSQL as on SQLite", () => {
  let pg: PgDb;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    const database = await freshPgDatabase();
    drop = database.drop;
    pg = await openPgDb(database.url, { max: 4 });
  });
  afterEach(async () => {
    await pg?.$client.end();
    await drop?.();
  });

  it("registers systems, users and API keys with the same results, and an audit chain that verifies", async () => {
    const sqlite = testDeps(start).deps;
    const onSqlite = await story(sqlite);
    const onPostgres = await story({ db: pg as unknown as Db, now: () => start });
    expect(onPostgres).toEqual(onSqlite);
    expect(onPostgres.authenticates).toBe("refund-triage");
    expect(onPostgres.revokedAuthenticates).toBeNull();
    const entries = (await verifyAuditLog(sqlite.db)).entries;
    expect(entries).toBeGreaterThanOrEqual(8);
    expect(await verifyAuditLog(pg as unknown as Db, { publicKey: null })).toMatchObject({ ok: true, entries });
  });

  it("refuses what SQLite refuses, naming the field, and writes nothing for it", async () => {
    const deps = { db: pg as unknown as Db, now: () => start };
    await createSystem(deps, operator, { slug: "refund-triage", name: "Refunds", oversightMode: "HOTL" });
    await expect(createSystem(deps, operator, { slug: "refund-triage", name: "Again", oversightMode: "HOTL" })).rejects.toMatchObject({
      code: "CONFLICT",
      issues: [expect.objectContaining({ path: "slug" })],
    });
    expect((await listSystems(deps.db)).map((s) => s.name)).toEqual(["Refunds"]);
    expect(await verifyAuditLog(pg as unknown as Db, { publicKey: null })).toMatchObject({ ok: true, entries: 1 });
  });
});
