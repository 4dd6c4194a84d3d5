import { beforeEach, describe, expect, it } from "vitest";
import { addSystem, addUser, callerFor, testDeps } from "../../testing/fixtures";
import { referenceCase } from "../../testing/operations";
import type { UserSummary } from "../users/queries";
import { statement } from "../../lib/prepared";

let t: Awaited<ReturnType<typeof testDeps>>;
let systemId: string;
let admin: UserSummary;

beforeEach(async () => {
  t = testDeps();
  systemId = (await addSystem(t.deps)).system.id;
  admin = await addUser(t.deps, "ada@example.com", ["admin"]);
});

describe("the business case", () => {
  it("an admin sets it, with defaults filled in, and the change is audited before and after", async () => {
    await callerFor(t.deps, admin).systems.setBusinessCase({ systemId, businessCase: referenceCase, liveSince: "2026-12-01T00:00:00Z" });
    await callerFor(t.deps, admin).systems.setBusinessCase({ systemId, businessCase: { ...referenceCase, assumedVerificationRate: 0.2 } });
    const [system] = await callerFor(t.deps, admin).systems.list();
    expect(system!.businessCase).toEqual({ ...referenceCase, assumedVerificationRate: 0.2, goldShare: 0, driftWindowHours: 24, driftMinSample: 100 });
    // liveSince omitted: left as it was.
    expect(system!.liveSince).toBe(Date.parse("2026-12-01T00:00:00Z"));
    const entries = await statement(t.deps.db, "SELECT actor_id, payload FROM audit_log WHERE action = 'system.business_case_changed' ORDER BY seq").all() as { actor_id: string; payload: string }[];
    expect(entries).toHaveLength(2);
    const second = JSON.parse(entries[1]!.payload);
    expect(entries[1]!.actor_id).toBe(admin.id);
    expect(second.before.businessCase.assumedVerificationRate).toBe(0.1);
    expect(second.after.businessCase.assumedVerificationRate).toBe(0.2);
    expect(second.after.liveSince).toBe("2026-12-01T00:00:00.000Z");
  });

  it("names the field and the rule when a figure is out of range", async () => {
    const bad = callerFor(t.deps, admin).systems.setBusinessCase({ systemId, businessCase: { ...referenceCase, assumedVerificationRate: 1.4, currency: "euro" } });
    await expect(bad).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(bad).rejects.toThrow(/assumed verification rate must be between 0 and 1/);
    await expect(bad).rejects.toThrow(/currency must be a three-letter ISO 4217 code/);
  });

  it("a lead cannot set it", async () => {
    const lead = await addUser(t.deps, "lena@example.com", ["lead"]);
    await expect(callerFor(t.deps, lead).systems.setBusinessCase({ systemId, businessCase: referenceCase })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
