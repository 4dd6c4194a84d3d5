import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { defaultReviewPolicy } from "@countersign/shared/policy";
import { openDb } from "../db/client";
import { auditLog } from "../db/schema/audit";
import { systemBySlug } from "../modules/systems/queries";
import { countersign, useTempDatabase } from "./testing";

const temp = useTempDatabase();
const cs = (...argv: string[]) => countersign(["--db", temp.dbPath, ...argv]);

describe("countersign system add", () => {
  it("registers an AI system with its oversight mode and the default review policy", async () => {
    const run = await cs("system", "add", "--slug", "refund-triage", "--name", "Refund triage", "--mode", "hotl", "--description", "Customer refunds");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Registered AI system "refund-triage" (Refund triage), oversight mode HOTL.');
    const db = openDb(temp.dbPath);
    const system = await systemBySlug(db, "refund-triage");
    expect(system).toMatchObject({ name: "Refund triage", oversightMode: "HOTL", description: "Customer refunds", policy: defaultReviewPolicy });
    expect(run.stdout).toContain(`System id: ${system.id}`);
    expect(await db.select().from(auditLog).where(eq(auditLog.entityId, system.id)).get()).toMatchObject({
      action: "system.created",
      actorType: "operator",
    });
    db.$client.close();
  });

  it("cannot register a second system under the same slug", async () => {
    await cs("system", "add", "--slug", "kyc", "--name", "KYC", "--mode", "HITL");
    const run = await cs("system", "add", "--slug", "kyc", "--name", "KYC again", "--mode", "HIC");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: an AI system with slug "kyc" already exists');
    expect(run.stderr).toContain("slug: slug is already in use");
  });

  it("explains the slug rule when a slug breaks it", async () => {
    const run = await cs("system", "add", "--slug", "Refund Triage", "--name", "Refund triage", "--mode", "HOTL");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("slug: Slug must be 2–63 lowercase letters, digits and dashes");
  });

  it("refuses an oversight mode that does not exist and lists the modes", async () => {
    const run = await cs("system", "add", "--slug", "x1", "--name", "X", "--mode", "auto");
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("the oversight mode must be one of HITL, HOTL, HIC");
  });
});

describe("countersign system list", () => {
  it("lists systems by name with slug and mode", async () => {
    await cs("system", "add", "--slug", "kyc-document-check", "--name", "KYC document check", "--mode", "HITL");
    await cs("system", "add", "--slug", "refund-triage", "--name", "Refund triage", "--mode", "HOTL");
    const run = await cs("system", "list");
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^SLUG\s+MODE\s+NAME\s+ID$/);
    expect(lines[1]).toMatch(/^kyc-document-check\s+HITL\s+KYC document check\s+sys_\w+$/);
    expect(lines[2]).toMatch(/^refund-triage\s+HOTL\s+Refund triage\s+sys_\w+$/);
  });
});
