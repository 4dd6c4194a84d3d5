import { describe, expect, it } from "vitest";
import { addSystem, addUser, callerFor, escalationBody, qualify } from "../../testing/fixtures";
import { receiveEscalation } from "../escalations/receive";
import { requestSetting } from "./requests-testing";
import { statement } from "../../lib/prepared";
import { transaction } from "../../db/transaction";

describe("recording a request from an affected person (EU AI Act Art. 86, GDPR Art. 22(3))", () => {
  it("a lead records it by the AI system's externalId: routed to a qualified reviewer, due one month after receipt, audited on the decision", async () => {
    const s = await requestSetting();
    const recorded = await s.as.lead.affectedPersonRequests.record(s.request({ receivedAt: "2026-11-20T10:00:00Z" }));
    expect(recorded).toMatchObject({ escalationId: s.escalationId, dueAt: "2026-12-20T23:59:59.999Z" });
    const [entry] = (await s.auditEntries());
    expect(entry).toMatchObject({ action: "affected_person_request.recorded", entityId: s.escalationId });
    const payload = JSON.parse(entry!.payload);
    expect(payload).toMatchObject({ requestId: recorded.id, kind: "human_intervention", assigneeId: s.users.reviewer.id, dueAt: "2026-12-20T23:59:59.999Z" });
    // The requester's reference is in the record, never in the log.
    expect(entry!.payload).not.toContain("CASE-8812");
    expect(payload.requesterReferenceSha256).toMatch(/^[0-9a-f]{64}$/);
    const timeline = await s.as.auditor.audit.timeline({ escalationId: s.escalationId });
    expect(timeline.map((e) => e.action)).toContain("affected_person_request.recorded");
  });

  it("an unknown externalId is refused with an error naming the field and the system", async () => {
    const s = await requestSetting();
    await expect(s.as.lead.affectedPersonRequests.record(s.request({ externalId: "order-9999" }))).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: 'no escalation of AI system "refund-triage" has externalId "order-9999"',
      cause: { issues: [expect.objectContaining({ path: "externalId" })] },
    });
  });

  it("an externalId of another AI system is not found in this one", async () => {
    const s = await requestSetting();
    const other = (await addSystem(s.t.deps, "kyc-check")).system;
    await expect(s.as.lead.affectedPersonRequests.record(s.request({ systemId: other.id }))).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/kyc-check.*order-1042/),
    });
  });

  it("is refused for an escalation not decided yet, and for a receipt date in the future", async () => {
    const s = await requestSetting();
    await receiveEscalation(s.t.deps, s.system.id, escalationBody({ externalId: "order-open" }));
    await expect(s.as.lead.affectedPersonRequests.record(s.request({ externalId: "order-open" }))).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: /not decided yet/,
    });
    await expect(s.as.lead.affectedPersonRequests.record(s.request({ receivedAt: new Date(s.t.deps.now() + 60_000).toISOString() }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: /receivedAt is in the future/,
    });
    expect((await s.auditEntries())).toEqual([]);
  });

  it("is routed only to a person qualified for the AI system; contesting a decision needs the override authority", async () => {
    const s = await requestSetting();
    const unqualified = await addUser(s.t.deps, "new@example.com", ["reviewer"], { qualified: false });
    await expect(s.as.lead.affectedPersonRequests.record(s.request({ assigneeId: unqualified.id }))).rejects.toMatchObject({
      code: "FORBIDDEN",
      cause: { issues: [expect.objectContaining({ path: "assigneeId" })] },
    });
    const reviewOnly = await addUser(s.t.deps, "review-only@example.com", ["reviewer"], { qualified: false });
    await qualify(s.t.deps, reviewOnly.id, s.system.id, { authority: ["review"] });
    await expect(s.as.lead.affectedPersonRequests.record(s.request({ assigneeId: reviewOnly.id }))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: /override authority/,
    });
    // An explanation may go to anyone qualified to review it.
    await expect(s.as.lead.affectedPersonRequests.record(s.request({ assigneeId: reviewOnly.id, kind: "explanation" }))).resolves.toBeTruthy();
    // The choices offered are exactly those the rule admits.
    const contest = await s.as.lead.affectedPersonRequests.eligibleAssignees({ systemId: s.system.id, kind: "human_intervention" });
    expect(contest.map((u) => u.name)).toEqual(["rev"]);
    const explain = await s.as.lead.affectedPersonRequests.eligibleAssignees({ systemId: s.system.id, kind: "explanation" });
    expect(explain.map((u) => u.name)).toEqual(["rev", "review-only"]);
  });

  it("a qualification that expired is no qualification: the request cannot be routed to its holder", async () => {
    const s = await requestSetting();
    const shortLived = await addUser(s.t.deps, "short@example.com", ["reviewer"], { qualified: false });
    await qualify(s.t.deps, shortLived.id, s.system.id, { days: 1 });
    s.t.advance(2 * 86_400);
    await expect(s.as.lead.affectedPersonRequests.record(s.request({ assigneeId: shortLived.id }))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("routed again to another qualified person, audited; never to an unqualified one", async () => {
    const s = await requestSetting();
    const { id } = await s.as.lead.affectedPersonRequests.record(s.request());
    const second = await addUser(s.t.deps, "rev2@example.com", ["reviewer"]);
    await s.as.lead.affectedPersonRequests.reassign({ requestId: id, assigneeId: second.id });
    expect((await s.as.lead.affectedPersonRequests.get({ requestId: id })).assignee.name).toBe("rev2");
    const stranger = await addUser(s.t.deps, "stranger@example.com", ["reviewer"], { qualified: false });
    await expect(s.as.lead.affectedPersonRequests.reassign({ requestId: id, assigneeId: stranger.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await s.auditEntries()).map((e) => e.action)).toEqual(["affected_person_request.recorded", "affected_person_request.reassigned"]);
    // The first assignee no longer sees it or may answer it.
    await expect(callerFor(s.t.deps, s.users.reviewer).affectedPersonRequests.routedToMe()).resolves.toEqual([]);
  });

  it("the due date is extended by up to two further months within the first month, with a reason", async () => {
    const s = await requestSetting();
    const { id } = await s.as.lead.affectedPersonRequests.record(s.request({ receivedAt: "2026-11-20T10:00:00Z" }));
    await expect(s.as.lead.affectedPersonRequests.extend({ requestId: id, months: 1, reason: "Forty requests after the press coverage" })).resolves.toEqual({
      dueAt: "2027-01-20T23:59:59.999Z",
    });
    await expect(s.as.lead.affectedPersonRequests.extend({ requestId: id, months: 2, reason: "Still more requests than we can answer" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: /2 further months in all; it is already extended by 1/,
    });
    await s.as.lead.affectedPersonRequests.extend({ requestId: id, months: 1, reason: "Still more requests than we can answer" });
    expect((await s.as.lead.affectedPersonRequests.get({ requestId: id })).dueAt).toBe("2027-02-20T23:59:59.999Z");
  });

  it("an extension after the first month is refused: it had to be notified within it", async () => {
    const s = await requestSetting();
    const { id } = await s.as.lead.affectedPersonRequests.record(s.request({ receivedAt: "2026-11-20T10:00:00Z" }));
    s.t.advance(31 * 86_400);
    await expect(s.as.lead.affectedPersonRequests.extend({ requestId: id, months: 1, reason: "We noticed the backlog too late" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: /GDPR Art. 12\(3\)/,
    });
  });

  it("a gold copy decides nothing about anyone: its externalId is not found", async () => {
    const s = await requestSetting();
    const insert = () =>
      statement(
        s.t.deps.db,
      `INSERT INTO escalations (id, system_id, external_id, request_hash, input_json, ai_output_json, confidence, model, reason_code,
           reason_explanation, context_summary, priority, priority_rank, status, received_at, decided_at, gold_item_id)
         VALUES ('esc_gold', ?, 'gold-77', 'hash', '"x"', '"y"', 0.5, 'm', 'low_confidence', 'Below.', 'Summary', 'normal', 1, 'decided', ?, ?, 'gold_1')`,
    );
    await transaction(s.t.deps.db, () => insert().run(s.system.id, s.t.deps.now(), s.t.deps.now()));
    await expect(s.as.lead.affectedPersonRequests.record(s.request({ externalId: "gold-77" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a deactivated user is not routed to, however qualified", async () => {
    const s = await requestSetting();
    const leaving = await addUser(s.t.deps, "leaving@example.com", ["reviewer"]);
    await transaction(s.t.deps.db, () => statement(s.t.deps.db, "UPDATE users SET active = FALSE WHERE id = ?").run(leaving.id));
    await expect(s.as.lead.affectedPersonRequests.record(s.request({ assigneeId: leaving.id }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: /deactivated/,
    });
    const offered = await s.as.lead.affectedPersonRequests.eligibleAssignees({ systemId: s.system.id, kind: "explanation" });
    expect(offered.map((u) => u.name)).not.toContain("leaving");
  });
});
