import { describe, expect, it } from "vitest";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { attend } from "../../testing/operations";
import { receiveEscalation } from "../escalations/receive";
import { verifyAuditLog } from "../../audit/verify";
import { statement } from "../../lib/prepared";
import { tamper } from "./tamper-testing";
import { transaction } from "../../db/transaction";

/** A short scripted session: intake, claim, evidence, release, re-claim, decision. */
async function scriptedSession() {
  const t = testDeps();
  const { system } = await addSystem(t.deps);
  const { id } = await receiveEscalation(t.deps, system.id, escalationBody());
  const reviewer = callerFor(t.deps, await addUser(t.deps, "rev@example.com", ["reviewer"]));
  await reviewer.queue.claim({ escalationId: id });
  await reviewer.queue.release({ escalationId: id });
  await reviewer.queue.claimNext({});
  await reviewer.reviews.openEvidence({ escalationId: id, evidenceIndex: 0 });
  await attend(t, reviewer, id, 40);
  t.advance(5);
  await reviewer.reviews.decide({
    escalationId: id,
    outcome: "approved",
    checklist: { "matches-request": "yes", "within-policy": "yes" },
    rationale: "Photo confirms the damage and the amount matches the order.",
  });
  return t;
}

describe("the audit log", () => {
  it("records every step of a review session and verifies", async () => {
    const t = await scriptedSession();
    const actions = await statement(t.deps.db, "SELECT action FROM audit_log ORDER BY seq").column();
    expect(actions).toEqual([
      "system.created",
      "api_key.issued",
      "escalation.received",
      "user.created",
      "qualification.granted",
      "escalation.claimed",
      "escalation.released",
      "escalation.claimed",
      "escalation.evidence_opened",
      "escalation.decided",
    ]);
    expect(await verifyAuditLog(t.deps.db)).toMatchObject({ ok: true, entries: 10 });
  });

  it("refuses UPDATE and DELETE on entries", async () => {
    const t = await scriptedSession();
    await expect(transaction(t.deps.db, () => statement(t.deps.db, "UPDATE audit_log SET payload = '{}' WHERE seq = 3").run())).rejects.toThrow(/append-only/);
    await expect(transaction(t.deps.db, () => statement(t.deps.db, "DELETE FROM audit_log WHERE seq = 3").run())).rejects.toThrow(/append-only/);
  });

  it("keeps personal data out of hashed entries", async () => {
    const t = await scriptedSession();
    const payloads = (await statement(t.deps.db, "SELECT payload FROM audit_log").column()).join("\n");
    expect(payloads).not.toContain("rev@example.com");
  });

  describe("detects a change made directly to the database file", () => {
    // Someone with direct access drops the guard triggers.
    const tamperWith = (t: Awaited<ReturnType<typeof scriptedSession>>, sql: string) => tamper(t, ["audit_log_no_update", "audit_log_no_delete"], [sql]);

    it("an edited payload", async () => {
      const t = await scriptedSession();
      await tamperWith(t, `UPDATE audit_log SET payload = replace(payload, '"approved"', '"rejected"') WHERE seq = 10`);
      expect(await verifyAuditLog(t.deps.db)).toMatchObject({ ok: false, firstBadSeq: 10, problem: expect.stringMatching(/altered/) });
    });

    it("an edited entry whose hash was recomputed (the next entry no longer links)", async () => {
      const t = await scriptedSession();
      await tamperWith(t, `UPDATE audit_log SET actor_id = 'usr_someone_else', hash = '${"a".repeat(64)}' WHERE seq = 5`);
      const result = await verifyAuditLog(t.deps.db);
      expect(result).toMatchObject({ ok: false, firstBadSeq: 5 });
    });

    it("a removed entry", async () => {
      const t = await scriptedSession();
      await tamperWith(t, "DELETE FROM audit_log WHERE seq = 6");
      expect(await verifyAuditLog(t.deps.db)).toMatchObject({ ok: false, firstBadSeq: 7, problem: "entry 6 is missing" });
    });
  });
});
