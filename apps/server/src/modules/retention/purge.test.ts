import { describe, expect, it } from "vitest";
import { countersignOn, reopened } from "../../cli/testing";
import { statement } from "../../lib/prepared";
import { decideAs } from "../../testing/operations";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { verifyAuditLog } from "../../audit/verify";
import { receiveEscalation } from "../escalations/receive";
import { findForSystem } from "../escalations/resource";
import { defaultChecklist, reviewPolicySchema } from "@countersign/shared/policy";
import { operator } from "../../lib/context";
import { purgeExpired } from "./purge";

describe("retention", () => {
  it("is refused below six calendar months, naming the rule", async () => {
    const t = testDeps();
    const { system } = await addSystem(t.deps);
    const admin = callerFor(t.deps, await addUser(t.deps, "admin@example.com", ["admin"]));
    await expect(admin.systems.setPolicy({ systemId: system.id, policy: { ...system.policy, retentionMonths: 5 } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/Keep decided escalations for at least 6 months: logs of a high-risk AI system are kept at least six months \(EU AI Act Art\. 19\(1\), 26\(6\)\)/),
    });
    await expect(admin.systems.setPolicy({ systemId: system.id, policy: { ...system.policy, retentionMonths: 6 } })).resolves.toBeUndefined();
  });

  it("a policy stored in days reads as the whole calendar months that keep at least as long", () => {
    expect(reviewPolicySchema.parse({ checklist: defaultChecklist, retentionDays: 183 }).retentionMonths).toBe(7);
    expect(reviewPolicySchema.parse({ checklist: defaultChecklist, retentionDays: 365 }).retentionMonths).toBe(12);
    expect(reviewPolicySchema.parse({ checklist: defaultChecklist, retentionDays: null }).retentionMonths).toBeNull();
  });

  it("counts six calendar months, not 183 days: a decision of 1 July is kept until 1 January", async () => {
    const t = testDeps(Date.parse("2026-07-01T00:00:00Z"));
    const { system } = await addSystem(t.deps, "refund-triage", { retentionMonths: 6 });
    const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"]);
    const id = (await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "july" }))).id;
    await decideAs(t, reviewer, id, "approved");
    const decidedAt = new Date(t.deps.now()).toISOString();
    expect(decidedAt).toBe("2026-07-01T00:00:30.000Z");

    // 183 days and a second later: six calendar months (184 days here) have not passed.
    t.advance(183 * 86_400 + 1);
    expect((await purgeExpired(t.deps, operator, { dryRun: false })).systems).toEqual([
      expect.objectContaining({ escalations: 0, cutoff: "2026-06-30T00:00:31.000Z" }),
    ]);
    expect((await findForSystem(t.deps.db, system.id, { id })).purgedAt).toBeUndefined();

    t.advance(86_400);
    expect(new Date(t.deps.now()).toISOString()).toBe("2027-01-01T00:00:31.000Z");
    expect((await purgeExpired(t.deps, operator, { dryRun: false })).systems).toEqual([expect.objectContaining({ escalations: 1, retentionMonths: 6 })]);
    expect((await findForSystem(t.deps.db, system.id, { id })).purgedAt).toBe("2027-01-01T00:00:31.000Z");
  });

  it("purges content and verifications past retention, keeps the rest, logs it, and the log still verifies", async () => {
    // History from 200 days ago up to yesterday; the CLI purges with today's clock.
    const t = testDeps(Date.now() - 200 * 86_400_000);
    const { system } = await addSystem(t.deps, "refund-triage", { retentionMonths: 6 });
    const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"]);
    const old = (await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "old", contextSummary: "Customer Jane Roe, 12 Elm Street" }))).id;
    const open = (await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "still-open" }))).id;
    await decideAs(t, reviewer, old, "approved");
    t.advance(199 * 86_400);
    const recent = (await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "recent" }))).id;
    await decideAs(t, reviewer, recent, "approved");

    expect((await purgeExpired(t.deps, { type: "operator" }, { dryRun: true })).systems).toEqual([
      expect.objectContaining({ slug: "refund-triage", escalations: 1, verifications: 1 }),
    ]);
    expect(await statement(t.deps.db, "SELECT count(*) FROM verifications").value()).toBe(2);
    await t.deps.db.$client.close();

    const run = await countersignOn(t, ["retention", "purge"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/refund-triage: purged 1 escalations and 1 verifications decided before .* \(retention 6 months\)/);
    const verify = await countersignOn(t, ["audit", "verify"]);
    expect(verify.code).toBe(0);

    const after = { db: await reopened(t) };
    const content = await statement(after.db, "SELECT external_id, context_summary, purged_at FROM escalations ORDER BY external_id").all();
    expect(content).toEqual([
      { external_id: "old", context_summary: "[purged after the retention period]", purged_at: expect.any(Number) },
      { external_id: "recent", context_summary: "Second refund request this month; photo evidence attached.", purged_at: null },
      { external_id: "still-open", context_summary: "Second refund request this month; photo evidence attached.", purged_at: null },
    ]);
    expect(await statement(after.db, "SELECT escalation_id FROM verifications").column()).toEqual([recent]);
    expect(JSON.stringify(await statement(after.db, "SELECT * FROM audit_log").all())).not.toContain("Jane Roe");
    const entry = (await statement(after.db, "SELECT actor_type, payload FROM audit_log WHERE action = 'retention.purged'").get<{ actor_type: string; payload: string }>())!;
    expect(entry.actor_type).toBe("operator");
    expect(JSON.parse(entry.payload)).toMatchObject({ retentionMonths: 6, escalationIds: [old], verifications: 1 });
    expect(await findForSystem(after.db, system.id, { id: old })).toMatchObject({ purgedAt: expect.any(String), status: "decided" });
    expect((await findForSystem(after.db, system.id, { id: open })).status).toBe("queued");
    expect((await verifyAuditLog(after.db)).ok).toBe(true);
    await after.db.$client.close();
  });

  it("a system without a retention period is never purged", async () => {
    const t = testDeps();
    await addSystem(t.deps);
    expect((await purgeExpired(t.deps, { type: "operator" }, { dryRun: false })).systems).toEqual([]);
  });
});
