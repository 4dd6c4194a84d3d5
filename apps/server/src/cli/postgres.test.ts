import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../db/client";
import { openPgDb } from "../db/pg/client";
import { freshPgDatabase, skipWithoutPostgres } from "../db/pg/test-database";
import { systemForApiKey } from "../modules/systems/api-keys";
import { countersign } from "./testing";

/** The operator's commands on an instance that runs on PostgreSQL: the same commands, given its URL. */
describe.skipIf(skipWithoutPostgres())("the CLI on a PostgreSQL database", () => {
  let database: Awaited<ReturnType<typeof freshPgDatabase>>;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    database = await freshPgDatabase();
    dir = mkdtempSync(join(tmpdir(), "countersign-cli-pg-"));
    env = { COUNTERSIGN_SIGNING_KEY_FILE: join(dir, "signing-key.pem"), COUNTERSIGN_DB: join(dir, "not-used.db") };
  });
  afterEach(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const cs = (...argv: string[]) => countersign(["--db", database.url, ...argv], env);

  it("migrates an empty database, then adds users, systems and keys and verifies the audit log, signed checkpoints included", async () => {
    expect((await cs("user", "add", "--email", "lena@example.com", "--name", "Lena Fischer", "--roles", "lead")).code).toBe(0);
    expect((await cs("system", "add", "--slug", "refund-triage", "--name", "Refund triage", "--mode", "HOTL")).code).toBe(0);
    const issued = await cs("key", "issue", "--system", "refund-triage");
    expect(issued.code).toBe(0);
    expect((await cs("user", "list")).stdout).toContain("lena@example.com");
    expect((await cs("checkpoint", "create")).stdout).toMatch(/^checkpoint #1: size 3, head [0-9a-f]{64}/);

    const verify = await cs("audit", "verify");
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^audit log verified: 3 entries, head [0-9a-f]{64}\nsigned checkpoints verified: 1\n/);

    const db = (await openPgDb(database.url, { max: 1 })) as unknown as Db;
    try {
      expect((await systemForApiKey({ db, now: Date.now }, issued.stdout.trim()))?.slug).toBe("refund-triage");
    } finally {
      await db.$client.close();
    }
  });

  it("reads COUNTERSIGN_DATABASE_URL, as the server does, when --db is not given; --db still wins", async () => {
    expect((await countersign(["system", "add", "--slug", "kyc", "--name", "KYC", "--mode", "HITL"], { ...env, COUNTERSIGN_DATABASE_URL: database.url })).code).toBe(0);
    const listed = await countersign(["key", "issue", "--system", "kyc"], { ...env, COUNTERSIGN_DATABASE_URL: database.url });
    expect(listed.code).toBe(0);
    const onFile = await countersign(["--db", join(dir, "other.db"), "audit", "verify"], { ...env, COUNTERSIGN_DATABASE_URL: database.url });
    expect(onFile.stderr).toContain("no Countersign database at");
  });

  it("refuses the commands that work on a SQLite file, naming PostgreSQL's own tools", async () => {
    const backup = await cs("backup", join(dir, "copy.db"));
    expect(backup.code).toBe(1);
    expect(backup.stderr).toContain("not on PostgreSQL: back up PostgreSQL with pg_dump");
    const copy = await cs("db", "copy", "--to", database.url);
    expect(copy.code).toBe(1);
    expect(copy.stderr).toContain("db copy copies from a SQLite database file");
  });
});
