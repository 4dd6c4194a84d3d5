import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appendAudit } from "../../audit/append";
import { auditLog } from "../schema/audit";
import { transaction } from "../transaction";
import { testEngine } from "./test-database";
import { testDeps } from "../../testing/fixtures";

const server = { type: "server" } as const;

describe.runIf(testEngine() === "postgres")("the SQLite API's endings on PostgreSQL", () => {
  afterEach(() => vi.restoreAllMocks());

  it("a select's .get() asks for one row, and the query keeps its own limit and its other rows", async () => {
    const { deps } = testDeps();
    await transaction(deps.db, async (tx) => {
      for (const id of ["a", "b", "c"]) await appendAudit(tx, server, 1, { action: "system.created", entityType: "ai_system", entityId: id });
    });
    const sent = vi.spyOn(pg.Client.prototype, "query");
    const query = deps.db.select({ entityId: auditLog.entityId }).from(auditLog).orderBy(auditLog.seq);
    expect(await query.get()).toEqual({ entityId: "a" });
    expect((await query.all()).map((r) => r.entityId)).toEqual(["a", "b", "c"]);
    expect(await deps.db.select({ entityId: auditLog.entityId }).from(auditLog).orderBy(auditLog.seq).limit(2).offset(1).get()).toEqual({ entityId: "b" });
    const texts = sent.mock.calls.map(([q]) => (typeof q === "string" ? q : (q as { text: string }).text));
    expect(texts[0]).toMatch(/ limit \$1$/);
    expect(texts[1]).not.toMatch(/ limit /);
  });
});
