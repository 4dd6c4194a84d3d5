import { afterEach, describe, expect, it, vi } from "vitest";
import { decideAs } from "../../testing/operations";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { receiveEscalation } from "../escalations/receive";
import { findForSystem } from "../escalations/resource";
import { purgeExpired } from "./purge";
import { purgeEveryMs, startRetentionSchedule } from "./schedule";
import { operator } from "../../lib/context";
import { statement } from "../../lib/prepared";

const day = 86_400;

/** A system kept six months, with two escalations decided eight months before "now". */
async function expiredHistory() {
  const t = testDeps(Date.parse("2026-01-05T09:00:00Z"));
  const { system } = await addSystem(t.deps, "kyc-document-check", { retentionMonths: 6 });
  const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"]);
  const first = (await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "case-1" }))).id;
  const second = (await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "case-2" }))).id;
  await decideAs(t, reviewer, first, "approved");
  await decideAs(t, reviewer, second, "rejected");
  t.advance(240 * day);
  const lead = callerFor(t.deps, await addUser(t.deps, "lead@example.com", ["lead"]));
  const admin = callerFor(t.deps, await addUser(t.deps, "admin@example.com", ["admin"]));
  return { t, system, first, second, lead, admin, reviewer };
}

const auditOf = async (t: Awaited<ReturnType<typeof testDeps>>, action: string) =>
  (await statement(t.deps.db, "SELECT actor_type, actor_id, entity_id, payload FROM audit_log WHERE action = ? ORDER BY seq").all<{
    actor_type: string;
    actor_id: string | null;
    entity_id: string;
    payload: string;
  }>(action)).map((e) => ({ ...e, payload: JSON.parse(e.payload) as Record<string, unknown> }));

describe("legal holds", () => {
  it("a hold on one escalation keeps it past retention, the rest is purged, and placing it is audited", async () => {
    const { t, system, first, second, lead } = await expiredHistory();
    const { id: holdId } = await lead.retention.placeHold({ escalationId: first, reason: "Complaint C-2026-114 before the data-protection authority" });

    expect((await purgeExpired(t.deps, operator, { dryRun: false })).systems).toEqual([expect.objectContaining({ escalations: 1, held: 1 })]);
    expect((await findForSystem(t.deps.db, system.id, { id: first })).purgedAt).toBeUndefined();
    expect((await findForSystem(t.deps.db, system.id, { id: second })).purgedAt).toEqual(expect.any(String));
    expect(await auditOf(t, "legal_hold.placed")).toEqual([
      {
        actor_type: "user",
        actor_id: expect.any(String),
        entity_id: first,
        payload: { holdId, systemId: system.id, escalationId: first, reason: "Complaint C-2026-114 before the data-protection authority" },
      },
    ]);
    expect((await lead.audit.timeline({ escalationId: first })).map((e) => e.action)).toContain("legal_hold.placed");
    expect(await lead.retention.holds({ escalationId: first })).toEqual([
      expect.objectContaining({ id: holdId, escalationId: first, placedBy: "lead", liftedAt: null }),
    ]);
  });

  it("a hold on a system keeps all of it until it is lifted, with a reason; lifting is audited and purges at the next run", async () => {
    const { t, system, first, second, admin } = await expiredHistory();
    const { id: holdId } = await admin.retention.placeHold({ systemId: system.id, reason: "Litigation hold: case 4 O 113/26, Landgericht Berlin" });
    expect((await purgeExpired(t.deps, operator, { dryRun: false })).systems).toEqual([expect.objectContaining({ escalations: 0, held: 2 })]);

    await expect(admin.retention.liftHold({ holdId, reason: "short" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/reason for lifting the hold must be at least 10 characters/) });
    await admin.retention.liftHold({ holdId, reason: "Case settled on 2026-08-20; counsel released the hold" });
    await expect(admin.retention.liftHold({ holdId, reason: "Case settled on 2026-08-20; counsel released the hold" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await auditOf(t, "legal_hold.lifted")).toEqual([
      expect.objectContaining({ entity_id: system.id, payload: { holdId, systemId: system.id, escalationId: null, reason: "Case settled on 2026-08-20; counsel released the hold" } }),
    ]);
    expect((await purgeExpired(t.deps, operator, { dryRun: false })).systems).toEqual([expect.objectContaining({ escalations: 2, held: 0 })]);
    for (const id of [first, second]) expect((await findForSystem(t.deps.db, system.id, { id })).purgedAt).toEqual(expect.any(String));
  });

  it("a reviewer and an auditor cannot place or lift a hold; an auditor can read them", async () => {
    const { t, system, first, reviewer, lead } = await expiredHistory();
    const auditor = callerFor(t.deps, await addUser(t.deps, "auditor@example.com", ["auditor"]));
    const reason = "Internal investigation INV-7 into this decision";
    await expect(callerFor(t.deps, reviewer).retention.placeHold({ escalationId: first, reason })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(auditor.retention.placeHold({ systemId: system.id, reason })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { id } = await lead.retention.placeHold({ systemId: system.id, reason });
    await expect(auditor.retention.liftHold({ holdId: id, reason })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(t.deps, reviewer).retention.holds({ systemId: system.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await auditor.retention.holds({ systemId: system.id })).toHaveLength(1);
  });

  it("a hold needs a reason that names the matter, and one target: a system or an escalation of it", async () => {
    const { t, first, lead } = await expiredHistory();
    const { system: other } = await addSystem(t.deps, "other-system");
    await expect(lead.retention.placeHold({ systemId: other.id, reason: "x" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/reason for the hold must be at least 10 characters/) });
    await expect(lead.retention.placeHold({ reason: "Complaint C-2026-115 about this case" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/name either systemId .* or escalationId/) });
    await expect(lead.retention.placeHold({ escalationId: "esc_unknown", reason: "Complaint C-2026-115 about this case" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await lead.retention.holds({ escalationId: first })).toEqual([]);
  });
});

describe("scheduled purge", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs shortly after start and then every day as the server, without anyone running the CLI", async () => {
    const { t, system, first, second } = await expiredHistory();
    vi.useFakeTimers({ toFake: ["setTimeout", "setInterval", "clearTimeout", "clearInterval"] });
    const errors: unknown[] = [];
    // Each run's end, awaited: the purge's own I/O runs past the fake timers' turn.
    let ran = () => {};
    const nextRun = () => new Promise<void>((resolve) => (ran = resolve));
    let run = nextRun();
    const stop = startRetentionSchedule(t.deps, (error) => (errors.push(error), ran()), () => ran());
    await vi.advanceTimersByTimeAsync(60_000);
    await run;
    expect((await findForSystem(t.deps.db, system.id, { id: first })).purgedAt).toEqual(expect.any(String));
    expect(await auditOf(t, "retention.purged")).toEqual([expect.objectContaining({ actor_type: "server", payload: expect.objectContaining({ escalationIds: [first, second] }) })]);

    // A day later, what has expired since is purged too.
    const reviewer = await addUser(t.deps, "late@example.com", ["reviewer"]);
    const late = (await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "case-3" }))).id;
    await decideAs(t, reviewer, late, "approved");
    t.advance(200 * day);
    run = nextRun();
    await vi.advanceTimersByTimeAsync(purgeEveryMs);
    await run;
    expect((await findForSystem(t.deps.db, system.id, { id: late })).purgedAt).toEqual(expect.any(String));
    stop();
    expect(errors).toEqual([]);
  });
});
