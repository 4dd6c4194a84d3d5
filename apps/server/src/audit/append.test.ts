import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { transaction } from "../db/transaction";
import { testEngine } from "../db/pg/test-database";
import { statement } from "../lib/prepared";
import { write } from "../lib/tx";
import { testDeps } from "../testing/fixtures";
import { appendAudit, auditChainWriter } from "./append";
import { verifyAuditLog } from "./verify";

const event = (entityId: string) => ({ action: "system.created" as const, entityType: "ai_system", entityId });
const server = { type: "server" } as const;

describe("appending to the audit log inside one transaction", () => {
  afterEach(() => vi.restoreAllMocks());

  it("chains every entry onto the one before, across appendAudit, a batch writer and entries appended at once", async () => {
    const { deps } = testDeps();
    await transaction(deps.db, async (tx) => {
      await appendAudit(tx, server, 1, event("a"));
      const batch = auditChainWriter(tx);
      await batch(server, 2, event("b"));
      await Promise.all([appendAudit(tx, server, 3, event("c")), appendAudit(tx, server, 3, event("d")), batch(server, 3, event("e"))]);
      await appendAudit(tx, server, 4, event("f"));
    });
    const entries = await statement(deps.db, "SELECT seq, entity_id AS entityId FROM audit_log ORDER BY seq").all<{ seq: number; entityId: string }>();
    expect(entries.map((e) => e.entityId)).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await verifyAuditLog(deps.db)).ok).toBe(true);
  });

  it("keeps the chain whole when a savepoint that appended rolls back, and when a later transaction appends", async () => {
    const { deps } = testDeps();
    await transaction(deps.db, async (tx) => {
      await appendAudit(tx, server, 1, event("kept"));
      await expect(
        transaction(tx, async () => {
          await appendAudit(tx, server, 2, event("rolled back"));
          throw new Error("refused");
        }),
      ).rejects.toThrow("refused");
      await appendAudit(tx, server, 3, event("after the savepoint"));
    });
    await transaction(deps.db, (tx) => appendAudit(tx, server, 4, event("next transaction")));
    const entries = await statement(deps.db, "SELECT entity_id FROM audit_log ORDER BY seq").column<string>();
    expect(entries).toEqual(["kept", "after the savepoint", "next transaction"]);
    expect((await verifyAuditLog(deps.db)).ok).toBe(true);
  });

  it.runIf(testEngine() === "postgres")("on PostgreSQL, a write takes the log's lock and reads its head with its BEGIN, in one round trip, not once per entry, and far from a checkpoint reads no checkpoint", async () => {
    const { deps } = testDeps();
    await transaction(deps.db, (tx) => appendAudit(tx, server, 1, event("first")));
    const sent = vi.spyOn(pg.Client.prototype, "query");
    await write(deps.db, async (tx) => {
      for (const id of ["a", "b", "c"]) await appendAudit(tx, server, 2, event(id));
    });
    const texts = sent.mock.calls.map(([query]) => (typeof query === "string" ? query : (query as { text: string }).text));
    const locks = texts.filter((text) => text.includes("pg_advisory_xact_lock"));
    expect(locks).toHaveLength(1);
    // The lock goes with the BEGIN, and the head comes back in the same round trip.
    expect(locks[0]).toMatch(/^BEGIN; SELECT pg_advisory_xact_lock\(\d+\); SELECT seq, hash FROM audit_log/);
    expect(texts.filter((text) => text.includes("SELECT seq, hash FROM audit_log"))).toHaveLength(1);
    expect(texts.filter((text) => text.startsWith("INSERT INTO audit_log"))).toHaveLength(3);
    expect(texts.filter((text) => text.includes("FROM checkpoints"))).toEqual([]);
  });
});
