import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { auditLog } from "./schema/audit";
import { pgTestDb, skipWithoutPostgres } from "./test-database";

describe.skipIf(skipWithoutPostgres())("the SQLite API's endings on PostgreSQL", () => {
  afterEach(() => vi.restoreAllMocks());

  it("a select's .get() asks for one row, and the query keeps its own limit and its other rows", async () => {
    const db = pgTestDb();
    await db.insert(auditLog).values(
      ["a", "b", "c"].map((entityId, i) => ({
        seq: i + 1, at: "2026-12-02T00:00:00.000Z", actorType: "server" as const, actorId: null, action: "system.created" as const,
        entityType: "ai_system", entityId, payload: "{}", prevHash: "0".repeat(64), hash: "a".repeat(64),
      })),
    );
    const sent = vi.spyOn(pg.Client.prototype, "query");
    const query = db.select({ entityId: auditLog.entityId }).from(auditLog).orderBy(auditLog.seq) as unknown as {
      get(): Promise<unknown>;
      all(): Promise<{ entityId: string }[]>;
    };
    expect(await query.get()).toEqual({ entityId: "a" });
    expect((await query.all()).map((r) => r.entityId)).toEqual(["a", "b", "c"]);
    const limited = db.select({ entityId: auditLog.entityId }).from(auditLog).orderBy(auditLog.seq).limit(2).offset(1) as unknown as { get(): Promise<unknown> };
    expect(await limited.get()).toEqual({ entityId: "b" });
    const texts = sent.mock.calls.map(([q]) => (typeof q === "string" ? q : (q as { text: string }).text));
    expect(texts[0]).toMatch(/ limit \$1$/);
    expect(texts[1]).not.toMatch(/ limit /);
  });
});
