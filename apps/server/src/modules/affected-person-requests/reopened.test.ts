import { describe, expect, it } from "vitest";
import { addUser, callerFor, qualify } from "../../testing/fixtures";
import { verifyAuditLog } from "../../audit/verify";
import { requestSetting } from "./requests-testing";
import { statement } from "../../lib/prepared";

const reason = "The requester sent the courier's report: the refund decision is reviewed again.";

/** requestSetting plus a lead qualified with override for the system, who can reopen the decision. */
async function withOverride() {
  const s = await requestSetting();
  await qualify(s.t.deps, s.users.lead.id, s.system.id, { authority: ["override"] });
  return s;
}

const reReviewEntries = async (s: Awaited<ReturnType<typeof requestSetting>>) =>
  (await s.auditEntries())
    .filter((e) => e.action === "affected_person_request.re_review_recorded")
    .map((e) => JSON.parse(e.payload) as Record<string, unknown>);

describe("a reopened decision and the requests from affected people about it", () => {
  it("reopening the decision marks each request about it as re-review requested, with the new round, audited with the reopening", async () => {
    const s = await withOverride();
    const first = await s.as.lead.affectedPersonRequests.record(s.request());
    const second = await s.as.lead.affectedPersonRequests.record(s.request({ requesterReference: "CASE-9001", kind: "explanation" }));
    await s.as.reviewer.affectedPersonRequests.answer({ requestId: first.id, answer: "The decision was taken by a person after reviewing the AI system's proposal." });

    const reopened = await s.as.lead.reviews.reopen({ escalationId: s.escalationId, reason });

    for (const id of [first.id, second.id]) {
      const detail = await s.as.lead.affectedPersonRequests.get({ requestId: id });
      expect(detail.reReview).toEqual({ status: "requested", result: null, escalationId: s.escalationId, recordedAt: new Date(s.t.deps.now()).toISOString() });
      expect(detail.reopenings).toEqual([{ round: 2, reopenedAt: new Date(s.t.deps.now()).toISOString(), reopenedBy: "lead" }]);
    }
    // Both recorded at the same moment: audited in the order of their ids.
    expect(await reReviewEntries(s)).toEqual(
      [first.id, second.id].sort().map((requestId) =>
        expect.objectContaining({ requestId, status: "requested", reviewEscalationId: s.escalationId, reopeningId: reopened.reopeningId, round: 2 }),
      ),
    );
    // Written in the reopening's transaction: right after its entry, by the lead who reopened.
    const chain = await statement(s.t.deps.db, "SELECT action, actor_id AS actorId FROM audit_log ORDER BY seq DESC LIMIT 3").all();
    expect(chain).toEqual([
      { action: "affected_person_request.re_review_recorded", actorId: s.users.lead.id },
      { action: "affected_person_request.re_review_recorded", actorId: s.users.lead.id },
      { action: "escalation.reopened", actorId: s.users.lead.id },
    ]);
    expect(await verifyAuditLog(s.t.deps.db)).toMatchObject({ ok: true });
  });

  it("a completed re-review is requested again by the next reopening; its assignee then records the new result", async () => {
    const s = await withOverride();
    const { id } = await s.as.lead.affectedPersonRequests.record(s.request());
    await s.as.reviewer.affectedPersonRequests.recordReReview({ requestId: id, status: "completed", result: "Reviewed again by a second person: the rejection stands." });
    await s.as.lead.reviews.reopen({ escalationId: s.escalationId, reason });
    expect((await s.as.lead.affectedPersonRequests.get({ requestId: id })).reReview.status).toBe("requested");
    await s.as.reviewer.affectedPersonRequests.recordReReview({ requestId: id, status: "completed", result: "Round 2 approved the refund." });
    expect((await s.as.lead.affectedPersonRequests.get({ requestId: id })).reReview).toMatchObject({ status: "completed", result: "Round 2 approved the refund." });
  });

  it("a reopening refused leaves the requests as they were; a request about another decision is not touched", async () => {
    const s = await withOverride();
    const { id } = await s.as.lead.affectedPersonRequests.record(s.request());
    const otherLead = await addUser(s.t.deps, "otto@example.com", ["lead"]);
    await expect(callerFor(s.t.deps, otherLead).reviews.reopen({ escalationId: s.escalationId, reason })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await s.as.lead.affectedPersonRequests.get({ requestId: id })).reReview.status).toBe("none");
    expect(await reReviewEntries(s)).toEqual([]);
  });
});
