import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendOnlyTables } from "./append-only";
import { openPgDb, type PgDb } from "./client";
import { freshPgDatabase, skipWithoutPostgres } from "./test-database";

/** One row in each append-only table, as the code would write it. */
const seed = [
  `INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'lead@example.com', 'Lead', '', 1)`,
  `INSERT INTO ai_systems (id, slug, name, oversight_mode, policy, created_at) VALUES ('s1', 'refund-triage', 'Refund triage', 'HOTL', '{}', 1)`,
  `INSERT INTO audit_log (seq, at, actor_type, actor_id, action, entity_type, entity_id, payload, prev_hash, hash)
     VALUES (1, '2026-12-02T00:00:00.000Z', 'user', 'u1', 'system.created', 'ai_system', 's1', '{}', '${"0".repeat(64)}', '${"a".repeat(64)}')`,
  `INSERT INTO checkpoints (seq, size, head, at, signature, key_id) VALUES (1, 1, '${"a".repeat(64)}', '2026-12-02T00:00:00.000Z', 'c2lnbmF0dXJl', 'k1')`,
  `INSERT INTO instructions_for_use (id, system_id, version, provider, provider_contact, intended_purpose, known_limitations, oversight_instructions, created_at)
     VALUES ('i1', 's1', 1, 'Provider', 'contact@example.com', 'Refunds', 'None known', 'Check the receipt', 1)`,
  `INSERT INTO monitoring_acknowledgements (user_id, notice_version, notice_sha256, acknowledged_at) VALUES ('u1', 1, '${"b".repeat(64)}', 1)`,
];

describe.skipIf(skipWithoutPostgres())("append-only tables on PostgreSQL", () => {
  let db: PgDb;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await freshPgDatabase();
    drop = database.drop;
    db = await openPgDb(database.url, { max: 2 });
    for (const statement of seed) await db.$client.query(statement);
  });
  afterAll(async () => {
    await db?.$client.end();
    await drop?.();
  });

  const refusal = (message: string) => expect.objectContaining({ code: "23001", message });

  it.each(appendOnlyTables)("$table refuses UPDATE with the same words as on SQLite", async ({ table, columns, update }) => {
    const column = columns?.[0] ?? (table === "monitoring_acknowledgements" ? "notice_sha256" : table === "audit_log" ? "payload" : "provider");
    await expect(db.$client.query(`UPDATE ${table} SET ${column} = ${column}`)).rejects.toEqual(refusal(update));
  });

  it.each(appendOnlyTables.filter((table) => table.delete !== null))("$table refuses DELETE and TRUNCATE", async ({ table, delete: deletion }) => {
    await expect(db.$client.query(`DELETE FROM ${table}`)).rejects.toEqual(refusal(deletion!));
    await expect(db.$client.query(`TRUNCATE ${table} CASCADE`)).rejects.toEqual(refusal(deletion!.replace("DELETE", "TRUNCATE")));
    const { rows } = await db.$client.query(`SELECT count(*) AS n FROM ${table}`);
    expect(rows[0].n).toBe(1);
  });

  it("a checkpoint's witness delivery time may still be set, as on SQLite", async () => {
    await db.$client.query("UPDATE checkpoints SET witnessed_at = 5 WHERE seq = 1");
    const { rows } = await db.$client.query("SELECT witnessed_at FROM checkpoints");
    expect(rows[0].witnessed_at).toBe(5);
  });

  it("an erased user's monitoring acknowledgement may be removed, as on SQLite", async () => {
    await db.$client.query("DELETE FROM monitoring_acknowledgements WHERE user_id = 'u1'");
    const { rows } = await db.$client.query("SELECT count(*) AS n FROM monitoring_acknowledgements");
    expect(rows[0].n).toBe(0);
  });
});
