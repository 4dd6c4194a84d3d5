import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDb } from "../db/client";
import { verifyAuditLog } from "../audit/verify";
import { countersign, useTempDatabase } from "./testing";

const temp = useTempDatabase();
const cs = (...argv: string[]) => countersign(["--db", temp.dbPath, ...argv]);

async function someHistory() {
  await cs("user", "add", "--email", "lena@example.com", "--name", "Lena Fischer", "--roles", "lead");
  await cs("system", "add", "--slug", "refund-triage", "--name", "Refund triage", "--mode", "HOTL");
  await cs("key", "issue", "--system", "refund-triage");
  await cs("key", "issue", "--system", "refund-triage", "--label", "backup");
}

describe("countersign audit verify", () => {
  it("exits 0 and reports the entry count and head hash when the whole log verifies", async () => {
    await someHistory();
    const db = openDb(temp.dbPath);
    const expected = await verifyAuditLog(db);
    db.$client.close();
    expect(expected.ok).toBe(true);
    const run = await cs("audit", "verify");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^audit log verified: 4 entries, head ${expected.ok ? expected.head : ""}\nsigned checkpoints verified: 0\nnot yet covered by a signature: 4 entries after the last checkpoint`),
    );
  });

  it("exits non-zero and names the entry that was edited behind the log's back", async () => {
    await someHistory();
    const raw = new Database(temp.dbPath);
    raw.exec("DROP TRIGGER audit_log_no_update");
    raw.prepare("UPDATE audit_log SET payload = ? WHERE seq = 3").run('{"label":"default","prefix":"cs_forged","systemId":"sys_x"}');
    raw.close();
    const run = await cs("audit", "verify");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("audit log does NOT verify: entry seq 3 fails: its content does not match its hash (the entry was altered)");
    expect(run.stderr).toContain("The 2 entries before it verify");
  });

  it("names the first missing entry when entries were deleted", async () => {
    await someHistory();
    const raw = new Database(temp.dbPath);
    raw.exec("DROP TRIGGER audit_log_no_delete");
    raw.prepare("DELETE FROM audit_log WHERE seq = 2").run();
    raw.close();
    const run = await cs("audit", "verify");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("entry seq 3 fails: entry 2 is missing");
  });

  it("refuses to verify a database that does not exist rather than reporting an empty log", async () => {
    const run = await cs("audit", "verify");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("no Countersign database at");
  });
});
