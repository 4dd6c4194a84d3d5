import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPgDb, type PgDb } from "./client";
import { auditLog } from "./schema/audit";
import { escalations } from "./schema/escalations";
import { aiSystems } from "./schema/systems";
import { freshPgDatabase, skipWithoutPostgres } from "./test-database";

/** Every control character PostgreSQL's text can hold (it refuses NUL), astral and combining characters, a lone BOM. */
const awkward = [
  Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join(""),
  "\u007f\u0085\u00a0\u2028\u2029\ufeff",
  "Zoë ü ﬁ e\u0301 한국어 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🧑🏽‍⚖️ \u202eright-to-left\u202c",
  '{"b":1,"a":2,"a":3,  "z" : [1.0, 1e2, -0]}',
].join("|");

describe.skipIf(skipWithoutPostgres())("text on PostgreSQL", () => {
  let db: PgDb;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await freshPgDatabase();
    drop = database.drop;
    db = await openPgDb(database.url, { max: 2 });
    await db.insert(aiSystems).values({ id: "s1", slug: "s1", name: "S", oversightMode: "HOTL", policy: {} as never, createdAt: 1 });
  });
  afterAll(async () => {
    await db?.$client.end();
    await drop?.();
  });

  it("reads back byte for byte what was written: control characters, unicode, duplicate JSON keys, 1 MiB", async () => {
    const mebibyte = awkward.repeat(Math.ceil(1_048_576 / awkward.length)).slice(0, 1_048_576);
    await db.insert(auditLog).values({
      seq: 1, at: "2026-12-02T00:00:00.000Z", actorType: "server", actorId: null, action: "system.created",
      entityType: "ai_system", entityId: "s1", payload: mebibyte, prevHash: "0".repeat(64), hash: "a".repeat(64),
    });
    const [entry] = await db.select({ payload: auditLog.payload }).from(auditLog).where(eq(auditLog.seq, 1));
    expect(Buffer.from(entry!.payload).equals(Buffer.from(mebibyte))).toBe(true);
    // And through plain SQL, which the domain's prepared statements will use.
    const { rows } = await db.$client.query("SELECT payload, octet_length(payload) AS bytes FROM audit_log WHERE seq = 1");
    expect(rows[0].payload === mebibyte && rows[0].bytes === Buffer.byteLength(mebibyte)).toBe(true);
  });

  it("keeps an escalation's JSON as sent, and its JSON columns as JSON.stringify wrote them", async () => {
    await db.insert(escalations).values({
      id: "e1", systemId: "s1", externalId: "x1", requestHash: "h", inputJson: awkward, aiOutputJson: awkward, confidence: 0.5,
      model: "m", reasonCode: "r", reasonExplanation: awkward, contextSummary: awkward, evidence: [{ kind: "text", label: "b", content: awkward }] as never,
      priority: "normal", priorityRank: 1, status: "queued", receivedAt: 1796166518377,
    });
    const { rows } = await db.$client.query("SELECT input_json, evidence, received_at FROM escalations WHERE id = 'e1'");
    expect(rows[0].input_json).toBe(awkward);
    expect(rows[0].evidence).toBe(JSON.stringify([{ kind: "text", label: "b", content: awkward }]));
    expect(rows[0].received_at).toBe(1796166518377);
    const [read] = await db.select({ evidence: escalations.evidence }).from(escalations);
    expect(read!.evidence).toEqual([{ kind: "text", label: "b", content: awkward }]);
  });
});
