import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { countersignOn, reopened } from "../../cli/testing";
import { statement } from "../../lib/prepared";
import { readEnv } from "../../env";
import { operator } from "../../lib/context";
import { testDeps } from "../../testing/fixtures";
import { createSystem } from "../systems/create-system";
import { entryHash, type ChainedEntry } from "../../audit/chain";
import { configureCheckpoints, createCheckpoint, defaultCheckpointSettings, startCheckpointTimer } from "../../audit/checkpoint";
import { signingKeyFor, signingKeyFileName } from "../../audit/signing-key";
import { verifyAuditLog } from "../../audit/verify";
import { deliverToWitness, readWitnessFile } from "../../audit/witness";
import { tamper } from "./tamper-testing";
import { transaction } from "../../db/transaction";
import { openDb } from "../../db/client";

/** A database with `systems` audit entries, signing every `every` entries. */
async function history(systems: number, every = 5) {
  const t = testDeps();
  configureCheckpoints(t.deps.db, { everyEntries: every, everyMinutes: 10 });
  for (let i = 0; i < systems; i++) await createSystem(t.deps, operator, { slug: `system-${i}`, name: `System ${i}`, oversightMode: "HOTL" });
  return t;
}

/**
 * What someone with write access to the database file can do: edit an entry, recompute every
 * hash after it, throw the checkpoints away and sign new ones with a fresh key.
 */
async function rebuildChainWithFreshKey(t: Awaited<ReturnType<typeof history>>, editedSeq: number) {
  const db = await reopened(t);
  const on = { ...t, deps: { ...t.deps, db } };
  await tamper(on, ["audit_log_no_update", "audit_log_no_delete", "checkpoints_no_update", "checkpoints_no_delete"], [
    `UPDATE audit_log SET payload = replace(payload, 'System', 'Forged') WHERE seq = ${editedSeq}`,
  ]);
  const rows = await statement(
    db,
    `SELECT seq, at, actor_type AS actorType, actor_id AS actorId, action, entity_type AS entityType, entity_id AS entityId, payload, prev_hash AS prevHash
       FROM audit_log ORDER BY seq`,
  ).all<ChainedEntry>();
  await transaction(db, async () => {
    let prev = rows[0]!.prevHash;
    for (const row of rows) {
      const hash = entryHash({ ...row, prevHash: prev });
      await statement(db, "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?").run(prev, hash, row.seq);
      prev = hash;
    }
    await statement(db, "DELETE FROM checkpoints").run();
  });
  await db.$client.close();
  rmSync(join(t.dir, signingKeyFileName));
  const fresh = await reopened(t);
  await createCheckpoint(fresh, Date.now());
  await fresh.$client.close();
}

/**
 * The log once the timer's signing has finished: the fake clock only starts it, and on PostgreSQL
 * its statements still travel to the server (real timers wait for them; only setInterval is fake).
 */
async function signedBy(t: Awaited<ReturnType<typeof history>>, checkpoints: number) {
  for (let tries = 0; ; tries++) {
    const result = await verifyAuditLog(t.deps.db);
    if ((result.ok && result.checkpoints >= checkpoints) || tries === 100) return result;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("signed checkpoints", () => {
  it("the key pair is created once beside the database, readable by its owner only", async () => {
    const t = testDeps();
    const key = signingKeyFor(t.deps.db);
    const file = join(t.dir, signingKeyFileName);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toContain("BEGIN PRIVATE KEY");
    const again = await reopened(t);
    expect(signingKeyFor(again).publicKeyPem).toBe(key.publicKeyPem);
    await again.$client.close();
    const memory = openDb(":memory:");
    expect(signingKeyFor(memory).keyId).toMatch(/^[0-9a-f]{64}$/);
    memory.$client.close();
  });

  it("are signed every N entries, cover the head, and verify", async () => {
    const t = await history(12);
    const rows = await statement(t.deps.db, "SELECT seq, size FROM checkpoints ORDER BY seq").all();
    expect(rows).toEqual([
      { seq: 1, size: 5 },
      { seq: 2, size: 10 },
    ]);
    expect(await verifyAuditLog(t.deps.db)).toMatchObject({ ok: true, entries: 12, checkpoints: 2 });
  });

  it("by default a timer signs whatever is unsigned every minute, so at most a minute of history is ever unsigned", async () => {
    expect(defaultCheckpointSettings.everyMinutes).toBe(1);
    expect(readEnv({}).COUNTERSIGN_CHECKPOINT_MINUTES).toBe(1);
    const t = testDeps();
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const stop = startCheckpointTimer(t.deps.db, t.deps.now);
      await createSystem(t.deps, operator, { slug: "one", name: "One", oversightMode: "HOTL" });
      expect(await verifyAuditLog(t.deps.db)).toMatchObject({ ok: true, unsigned: 1, checkpoints: 0 });
      await vi.advanceTimersByTimeAsync(60_000);
      expect(await signedBy(t, 1)).toMatchObject({ ok: true, unsigned: 0, checkpoints: 1 });
      await createSystem(t.deps, operator, { slug: "two", name: "Two", oversightMode: "HOTL" });
      await vi.advanceTimersByTimeAsync(59_999);
      expect(await verifyAuditLog(t.deps.db)).toMatchObject({ unsigned: 1 });
      await vi.advanceTimersByTimeAsync(1);
      expect(await signedBy(t, 2)).toMatchObject({ unsigned: 0, checkpoints: 2 });
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it("audit verify reports how many entries the last checkpoint does not cover, and what a witness would add", async () => {
    const t = await history(7);
    await t.deps.db.$client.close();
    const run = await countersignOn(t, ["audit", "verify"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/not yet covered by a signature: 2 entries after the last checkpoint \(signed .*\); until the next checkpoint, removing them would leave no trace/);
    expect(run.stderr).toMatch(/no witness file given .* could rewrite entries, recompute the chain and sign it again/);
  });

  it("are append-only", async () => {
    const t = await history(5);
    await expect(transaction(t.deps.db, () => statement(t.deps.db, "UPDATE checkpoints SET head = 'x'").run())).rejects.toThrow(/append-only/);
    await expect(transaction(t.deps.db, () => statement(t.deps.db, "DELETE FROM checkpoints").run())).rejects.toThrow(/append-only/);
  });

  it("a checkpoint whose head was changed, or that was signed by another key, fails verification", async () => {
    const t = await history(6);
    await tamper(t, ["checkpoints_no_update"], [`UPDATE checkpoints SET signature = '${Buffer.alloc(64).toString("base64")}' WHERE seq = 1`]);
    expect(await verifyAuditLog(t.deps.db)).toMatchObject({ ok: false, problem: expect.stringMatching(/checkpoint #1's signature does not verify/) });
  });

  it("entries removed from the end of the log are caught by the checkpoint that covered them", async () => {
    const t = await history(10);
    await tamper(t, ["audit_log_no_delete"], ["DELETE FROM audit_log WHERE seq > 8"]);
    expect(await verifyAuditLog(t.deps.db)).toMatchObject({ ok: false, firstBadSeq: 9, problem: expect.stringMatching(/covers 10 entries but the log has only 8/) });
  });

  it("a chain rebuilt with a fresh key passes on its own, and is caught against the witness file's checkpoints", async () => {
    const t = await history(12);
    const witnessFile = join(t.dir, "witness.jsonl");
    expect(await deliverToWitness(t.deps.db, { kind: "file", path: witnessFile })).toBe(2);
    expect(await deliverToWitness(t.deps.db, { kind: "file", path: witnessFile })).toBe(0);
    expect(readWitnessFile(witnessFile).map((w) => w.size)).toEqual([5, 10]);
    await t.deps.db.$client.close();

    const honest = await countersignOn(t, ["audit", "verify", "--witness", witnessFile]);
    expect(honest.code).toBe(0);
    expect(honest.stdout).toContain("the log agrees with all 2 checkpoints in the witness file");

    await rebuildChainWithFreshKey(t, 3);
    const alone = await countersignOn(t, ["audit", "verify"]);
    expect(alone.code).toBe(0);
    const witnessed = await countersignOn(t, ["audit", "verify", "--witness", witnessFile]);
    expect(witnessed.code).toBe(1);
    expect(witnessed.stderr).toMatch(/entry seq 1 fails: the witness's checkpoint #1 .* signed head .* at size 5, but the log's entry 5 hashes to/);
  });

  it("a witness that cannot be reached is retried later and never blocks a write", async () => {
    const t = await history(6);
    const messages: string[] = [];
    const delivered = await deliverToWitness(t.deps.db, { kind: "https", url: "https://127.0.0.1:9/witness" }, (m) => messages.push(m));
    expect(delivered).toBe(0);
    expect(messages[0]).toMatch(/checkpoint #1 not delivered .* retrying at the next sweep/);
    await createSystem(t.deps, operator, { slug: "after-failure", name: "After", oversightMode: "HOTL" });
    expect(await statement(t.deps.db, "SELECT count(*) FROM checkpoints WHERE witnessed_at IS NULL").value()).toBe(1);
    const file = join(t.dir, "later.jsonl");
    writeFileSync(file, "");
    expect(await deliverToWitness(t.deps.db, { kind: "file", path: file })).toBe(1);
  });

  it("countersign checkpoint public-key prints the PEM", async () => {
    const t = await history(1);
    const key = signingKeyFor(t.deps.db);
    const run = await countersignOn(t, ["checkpoint", "public-key"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(key.publicKeyPem.endsWith("\n") ? key.publicKeyPem : `${key.publicKeyPem}\n`);
    expect(existsSync(join(t.dir, signingKeyFileName))).toBe(true);
  });
});
