import { readdirSync, readlinkSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { write } from "../../lib/tx";
import { auditChainWriter } from "../../audit/append";
import { receiveWith, statementsFor } from "./receive";
import { addSystem, escalationBody, testDeps } from "../../testing/fixtures";
import { testEngine } from "../../db/pg/test-database";

/** Files this process holds open that were unlinked while open: how SQLite keeps a temporary file. */
function openDeletedFiles(): string[] {
  return readdirSync("/proc/self/fd").flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.endsWith("(deleted)") ? [target] : [];
    } catch {
      return [];
    }
  });
}

const onLinuxSqlite = process.platform === "linux" && testEngine() === "sqlite";

// db/client.ts sets temp_store = MEMORY on the write connection for this.
describe.skipIf(!onLinuxSqlite)("receiving escalations on SQLite", () => {
  it("keeps a group of escalations' statement journal in memory, not in a temporary file", async () => {
    const { deps } = testDeps();
    const { system } = await addSystem(deps);
    const before = openDeletedFiles();
    const during = await write(deps.db, async () => {
      const intake = { ...statementsFor(deps.db), audit: auditChainWriter(deps.db) };
      for (let i = 0; i < 5; i++) await receiveWith(intake, system.id, escalationBody({ externalId: `journal-${i}` }), deps.now());
      // SQLite closes a statement journal's file only when the transaction ends.
      return openDeletedFiles();
    });
    expect(during.filter((file) => !before.includes(file))).toEqual([]);
  });
});

describe("the intake's statements", () => {
  it("are refused outside a write transaction (on SQLite they would land on the read-only connection)", async () => {
    const { deps } = testDeps();
    expect(() => statementsFor(deps.db)).toThrow("the intake's statements are for use inside a write transaction");
  });
});
