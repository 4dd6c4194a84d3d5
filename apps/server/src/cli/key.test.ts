import { beforeEach, describe, expect, it } from "vitest";
import { openDb } from "../db/client";
import type { Deps } from "../lib/context";
import { systemForApiKey } from "../modules/systems/api-keys";
import { countersign, useTempDatabase } from "./testing";

const temp = useTempDatabase();
const cs = (...argv: string[]) => countersign(["--db", temp.dbPath, ...argv]);

beforeEach(async () => {
  expect((await cs("system", "add", "--slug", "refund-triage", "--name", "Refund triage", "--mode", "HOTL")).code).toBe(0);
});

/** The server's own connection, open while the CLI works on the same file. */
function withServerConnection<T>(run: (deps: Deps) => T): T {
  const deps: Deps = { db: openDb(temp.dbPath), now: Date.now };
  try {
    return run(deps);
  } finally {
    deps.db.$client.close();
  }
}

const idOf = (listOutput: string, label: string) => new RegExp(`^(key_\\w+)\\s+${label}\\s`, "m").exec(listOutput)?.[1];

describe("countersign key issue", () => {
  it("prints only the new key on stdout, and the key authenticates as its AI system", async () => {
    const run = await cs("key", "issue", "--system", "refund-triage", "--label", "gateway");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^cs_[\w-]{40,}\n$/);
    expect(run.stderr).toContain('for AI system "refund-triage"');
    expect(run.stderr).toContain("only time the key is shown");
    const key = run.stdout.trim();
    expect((await withServerConnection((deps) => systemForApiKey(deps, key)))?.slug).toBe("refund-triage");
  });

  it("works while the server holds the database open", async () => {
    const server: Deps = { db: openDb(temp.dbPath), now: Date.now };
    try {
      const run = await cs("key", "issue", "--system", "refund-triage");
      expect(run.code).toBe(0);
      expect((await systemForApiKey(server, run.stdout.trim()))?.slug).toBe("refund-triage");
    } finally {
      server.db.$client.close();
    }
  });

  it("cannot issue a key for an AI system that is not registered", async () => {
    const run = await cs("key", "issue", "--system", "nope");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('error: no AI system with slug "nope"');
  });
});

describe("countersign key list and key revoke", () => {
  it("lists keys by id, label and prefix, never the key itself", async () => {
    const key = (await cs("key", "issue", "--system", "refund-triage", "--label", "gateway")).stdout.trim();
    const run = await cs("key", "list", "--system", "refund-triage");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ID\s+LABEL\s+PREFIX\s+ISSUED\s+STATUS$/m);
    expect(run.stdout).toMatch(new RegExp(`^key_\\w+\\s+gateway\\s+${key.slice(0, 9)}…\\s+\\S+Z\\s+active$`, "m"));
    expect(run.stdout).not.toContain(key);
  });

  it("revokes a key so that it no longer authenticates", async () => {
    const key = (await cs("key", "issue", "--system", "refund-triage", "--label", "gateway")).stdout.trim();
    const keyId = idOf((await cs("key", "list", "--system", "refund-triage")).stdout, "gateway")!;
    const run = await cs("key", "revoke", "--key", keyId);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Revoked API key ${keyId}`);
    expect(await withServerConnection((deps) => systemForApiKey(deps, key))).toBeNull();
    expect((await cs("key", "list", "--system", "refund-triage")).stdout).toMatch(/gateway\s+\S+\s+\S+\s+revoked \S+Z$/m);
  });

  it("cannot revoke an unknown or already revoked key", async () => {
    await cs("key", "issue", "--system", "refund-triage", "--label", "gateway");
    const keyId = idOf((await cs("key", "list", "--system", "refund-triage")).stdout, "gateway")!;
    await cs("key", "revoke", "--key", keyId);
    const again = await cs("key", "revoke", "--key", keyId);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("error: no active API key with this id");
  });

  it("explains that revoke takes the key's id, not the secret key", async () => {
    const key = (await cs("key", "issue", "--system", "refund-triage")).stdout.trim();
    const run = await cs("key", "revoke", "--key", key);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("--key takes the key's id");
    expect((await withServerConnection((deps) => systemForApiKey(deps, key)))?.slug).toBe("refund-triage");
  });
});
