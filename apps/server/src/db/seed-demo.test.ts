import { mkdtempSync, readFileSync, rmSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Deps } from "../lib/context";
import { verifyAuditLog } from "../modules/audit/verify";
import { revokeApiKey, systemForApiKey } from "../modules/systems/api-keys";
import { listKeys, systemBySlug } from "../modules/systems/queries";
import { listUsers } from "../modules/users/queries";
import { verifyPassword } from "../modules/users/password";
import { openDb } from "./client";
import { auditLog } from "./schema/audit";
import { escalations } from "./schema/escalations";
import { aiSystems } from "./schema/systems";
import { users } from "./schema/users";
import { seedDemoIfEmpty } from "./seed-demo";

const seededAt = Date.parse("2026-11-22T12:00:00Z");
let dir: string;
let dbPath: string;
let deps: Deps;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "countersign-seed-"));
  dbPath = join(dir, "countersign.db");
  deps = { db: openDb(dbPath), now: () => seededAt };
});

afterEach(() => {
  deps.db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (table: typeof users | typeof aiSystems | typeof escalations | typeof auditLog) =>
  deps.db.select({ n: sql<number>`count(*)` }).from(table).get()!.n;

describe("the demo instance", () => {
  it("seeds five users with their roles, all signing in with the demo password", () => {
    const info = seedDemoIfEmpty(deps, dbPath)!;
    expect(info.password).toBe("demo-password");
    const seeded = listUsers(deps.db);
    expect(seeded.map((u) => [u.email, u.roles])).toEqual([
      ["admin@demo.local", ["admin"]],
      ["auditor@demo.local", ["auditor"]],
      ["lead@demo.local", ["lead"]],
      ["reviewer2@demo.local", ["reviewer"]],
      ["reviewer@demo.local", ["reviewer"]],
    ]);
    expect(info.users.map((u) => u.email).sort()).toEqual(seeded.map((u) => u.email));
    const admin = deps.db.select().from(users).where(eq(users.email, "admin@demo.local")).get()!;
    expect(verifyPassword("demo-password", admin.passwordHash)).toBe(true);
  });

  it("registers refund-triage (HOTL) and kyc-document-check (HITL) with their own review policies", () => {
    seedDemoIfEmpty(deps, dbPath);
    const refunds = systemBySlug(deps.db, "refund-triage");
    const kyc = systemBySlug(deps.db, "kyc-document-check");
    expect(refunds.oversightMode).toBe("HOTL");
    expect(kyc.oversightMode).toBe("HITL");
    expect(refunds.policy).toMatchObject({ minRationaleChars: 40, minDwellSeconds: 20, leaseMinutes: 15 });
    expect(kyc.policy).toMatchObject({ minRationaleChars: 40, minDwellSeconds: 30, leaseMinutes: 15 });
    for (const system of [refunds, kyc]) {
      expect(system.policy.checklist.length).toBeGreaterThanOrEqual(3);
      expect(system.policy.checklist.length).toBeLessThanOrEqual(5);
    }
  });

  it("queues about forty varied escalations received over the last three days", () => {
    const info = seedDemoIfEmpty(deps, dbPath)!;
    const rows = deps.db.select().from(escalations).all();
    expect(rows.length).toBeGreaterThanOrEqual(38);
    expect(rows.length).toBeLessThanOrEqual(45);
    expect(rows.every((r) => r.status === "queued")).toBe(true);
    for (const slug of ["refund-triage", "kyc-document-check"]) {
      const systemId = systemBySlug(deps.db, slug).id;
      expect(rows.filter((r) => r.systemId === systemId).length).toBeGreaterThanOrEqual(18);
    }
    expect(new Set(rows.map((r) => r.priority))).toEqual(new Set(["low", "normal", "high", "urgent"]));
    expect(new Set(rows.map((r) => r.reasonCode)).size).toBeGreaterThanOrEqual(12);
    const confidences = rows.map((r) => r.confidence);
    expect(Math.min(...confidences)).toBeLessThanOrEqual(0.25);
    expect(Math.max(...confidences)).toBeGreaterThanOrEqual(0.93);
    const ages = rows.map((r) => seededAt - r.receivedAt);
    expect(Math.min(...ages)).toBeGreaterThan(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(3 * 24 * 3_600_000);
    expect(rows.some((r) => r.dueAt && Date.parse(r.dueAt) < seededAt)).toBe(true);
    expect(rows.some((r) => r.dueAt && Date.parse(r.dueAt) > seededAt)).toBe(true);
    expect(rows.some((r) => r.inputJson.startsWith("{")) && rows.some((r) => r.inputJson.startsWith('"'))).toBe(true);
    expect(rows.some((r) => r.aiOutputJson.startsWith("{")) && rows.some((r) => r.aiOutputJson.startsWith('"'))).toBe(true);
    const sample = rows.find((r) => r.externalId === info.sampleExternalId);
    expect(sample?.systemId).toBe(systemBySlug(deps.db, info.apiKeySystem).id);
  });

  it("includes one escalation whose text carries HTML and script, kept exactly as sent", () => {
    seedDemoIfEmpty(deps, dbPath);
    const marked = deps.db.select().from(escalations).all().filter((r) => r.aiOutputJson.includes("<img src=x onerror=alert(1)>"));
    expect(marked).toHaveLength(1);
    const [row] = marked;
    expect(row!.contextSummary).toContain("<script>");
    expect(row!.evidence?.some((item) => item.content?.includes("<script>"))).toBe(true);
  });

  it("qualifies both demo reviewers for both demo systems for a year, so they can claim", () => {
    seedDemoIfEmpty(deps, dbPath);
    const rows = deps.db.$client
      .prepare(
        `SELECT u.email, s.slug, q.expires_at AS expiresAt, q.authority FROM qualifications q
           JOIN users u ON u.id = q.user_id JOIN ai_systems s ON s.id = q.system_id ORDER BY u.email, s.slug`,
      )
      .all() as { email: string; slug: string; expiresAt: number; authority: string }[];
    expect(rows.map((r) => `${r.email} ${r.slug}`)).toEqual([
      "reviewer2@demo.local kyc-document-check",
      "reviewer2@demo.local refund-triage",
      "reviewer@demo.local kyc-document-check",
      "reviewer@demo.local refund-triage",
    ]);
    for (const row of rows) {
      expect(row.expiresAt).toBeGreaterThan(seededAt + 360 * 86_400_000);
      expect(JSON.parse(row.authority)).toEqual(["review", "override", "stop"]);
    }
  });

  it("records every seeded change in an audit log that verifies, with time only moving forward", () => {
    seedDemoIfEmpty(deps, dbPath);
    const result = verifyAuditLog(deps.db);
    // Users, systems, the API key, two reviewers' qualifications for two systems, then the escalations.
    expect(result).toMatchObject({ ok: true, entries: 5 + 2 + 1 + 4 + count(escalations) });
    const entries = deps.db.select().from(auditLog).orderBy(asc(auditLog.seq)).all();
    expect(entries.filter((e) => e.action !== "escalation.received").every((e) => e.actorType === "operator")).toBe(true);
    const times = entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("does not seed again on a second start and returns the same working API key", () => {
    const first = seedDemoIfEmpty(deps, dbPath)!;
    const before = { users: count(users), systems: count(aiSystems), escalations: count(escalations), audit: count(auditLog) };
    const second = seedDemoIfEmpty(deps, dbPath)!;
    expect(second).toEqual(first);
    expect({ users: count(users), systems: count(aiSystems), escalations: count(escalations), audit: count(auditLog) }).toEqual(before);
    expect(readFileSync(join(dir, "demo-api-key.txt"), "utf8").trim()).toBe(first.apiKey);
    expect(systemForApiKey(deps, first.apiKey)?.slug).toBe("refund-triage");
  });

  it("issues a fresh demo key when the key file is gone or its key was revoked", () => {
    const first = seedDemoIfEmpty(deps, dbPath)!;
    unlinkSync(join(dir, "demo-api-key.txt"));
    const afterLoss = seedDemoIfEmpty(deps, dbPath)!;
    expect(afterLoss.apiKey).not.toBe(first.apiKey);
    expect(systemForApiKey(deps, afterLoss.apiKey)?.slug).toBe("refund-triage");

    const system = systemBySlug(deps.db, "refund-triage");
    const active = listKeys(deps.db, system.id).find((k) => k.revokedAt === null && afterLoss.apiKey.startsWith(k.prefix))!;
    revokeApiKey(deps, { type: "operator" }, active.id);
    const afterRevoke = seedDemoIfEmpty(deps, dbPath)!;
    expect(systemForApiKey(deps, afterRevoke.apiKey)?.slug).toBe("refund-triage");
    expect(verifyAuditLog(deps.db).ok).toBe(true);
  });

  it("leaves a database that is not a demo instance alone", () => {
    deps.db.$client
      .prepare("INSERT INTO users (id, email, name, password_hash, active, created_at) VALUES ('usr_1', 'ops@example.com', 'Ops', 'x', 1, 0)")
      .run();
    expect(seedDemoIfEmpty(deps, dbPath)).toBeNull();
    expect(count(escalations)).toBe(0);
  });

  it("seeds an in-memory database without writing a key file", () => {
    const memory: Deps = { db: openDb(":memory:"), now: () => seededAt };
    const info = seedDemoIfEmpty(memory, ":memory:")!;
    expect(systemForApiKey(memory, info.apiKey)?.slug).toBe("refund-triage");
    memory.db.$client.close();
  });
});
