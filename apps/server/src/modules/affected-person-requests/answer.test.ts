import { describe, expect, it } from "vitest";
import { addSystem, addUser, callerFor, escalationBody } from "../../testing/fixtures";
import { receiveEscalation } from "../escalations/receive";
import { requestSetting } from "./requests-testing";

const answer = "Your refund was refused by a reviewer after checking the photo against the order; the AI system only proposed a refund.";

describe("answering a request from an affected person", () => {
  it("the assignee sees it in their workbench, overdue once its due date passes", async () => {
    const s = await requestSetting();
    const { id } = await s.as.lead.affectedPersonRequests.record(s.request());
    const [mine] = await s.as.reviewer.affectedPersonRequests.routedToMe({ openOnly: true });
    expect(mine).toMatchObject({ id, status: "open", overdue: false, externalId: "order-1042", kind: "human_intervention" });
    s.t.advance(32 * 86_400);
    const [late] = await s.as.reviewer.affectedPersonRequests.routedToMe({ openOnly: true });
    expect(late).toMatchObject({ id, overdue: true });
  });

  it("the answer is recorded once and audited by its hash; a second answer is refused, naming the way to change it", async () => {
    const s = await requestSetting();
    const { id } = await s.as.lead.affectedPersonRequests.record(s.request());
    await expect(s.as.reviewer.affectedPersonRequests.answer({ requestId: id, answer })).resolves.toMatchObject({ version: 1 });
    await expect(s.as.reviewer.affectedPersonRequests.answer({ requestId: id, answer: `${answer} Again.` })).rejects.toMatchObject({
      code: "CONFLICT",
      message: /already has an answer: change it with an edit/,
    });
    const entries = (await s.auditEntries());
    expect(entries.map((e) => e.action)).toEqual(["affected_person_request.recorded", "affected_person_request.answered"]);
    expect(entries[1]!.payload).not.toContain("photo");
    expect(JSON.parse(entries[1]!.payload)).toMatchObject({ requestId: id, version: 1, inTime: true, answerSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const detail = await s.as.auditor.affectedPersonRequests.get({ requestId: id });
    expect(detail).toMatchObject({ status: "answered", answeredLate: false, answer: { version: 1, answer, answeredBy: "rev" } });
    expect(detail.answer!.sha256).toBe(JSON.parse(entries[1]!.payload).answerSha256);
    // Answered requests leave the assignee's open list.
    await expect(s.as.reviewer.affectedPersonRequests.routedToMe({ openOnly: true })).resolves.toEqual([]);
  });

  it("an edit needs a reason, makes a new version in force and keeps the earlier one; both are audited", async () => {
    const s = await requestSetting();
    const { id } = await s.as.lead.affectedPersonRequests.record(s.request());
    await expect(s.as.reviewer.affectedPersonRequests.editAnswer({ requestId: id, answer, reason: "Nothing to edit yet here" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    await s.as.reviewer.affectedPersonRequests.answer({ requestId: id, answer });
    await expect(s.as.reviewer.affectedPersonRequests.editAnswer({ requestId: id, answer: `${answer} (corrected)`, reason: "" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: /reason/,
    });
    await expect(s.as.reviewer.affectedPersonRequests.editAnswer({ requestId: id, answer, reason: "The same text once more" })).rejects.toMatchObject({
      message: /unchanged/,
    });
    await s.as.reviewer.affectedPersonRequests.editAnswer({ requestId: id, answer: `${answer} You may still send us your view.`, reason: "Added how to express a view" });
    const detail = await s.as.lead.affectedPersonRequests.get({ requestId: id });
    expect(detail.answer).toMatchObject({ version: 2, editReason: "Added how to express a view" });
    expect(detail.earlierAnswers).toEqual([expect.objectContaining({ version: 1, answer })]);
    const edited = (await s.auditEntries()).at(-1)!;
    expect(edited.action).toBe("affected_person_request.answer_edited");
    expect(JSON.parse(edited.payload)).toMatchObject({ version: 2, previousAnswerSha256: detail.earlierAnswers[0]!.sha256, answerSha256: detail.answer!.sha256 });
  });

  it("only the assignee answers: another qualified reviewer and the lead who recorded it cannot", async () => {
    const s = await requestSetting();
    const { id } = await s.as.lead.affectedPersonRequests.record(s.request());
    const colleague = callerFor(s.t.deps, await addUser(s.t.deps, "rev2@example.com", ["reviewer"]));
    for (const caller of [colleague, s.as.lead]) {
      await expect(caller.affectedPersonRequests.answer({ requestId: id, answer })).rejects.toMatchObject({ code: "FORBIDDEN", message: /routed to someone else/ });
      await expect(caller.affectedPersonRequests.getRoutedToMe({ requestId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(colleague.affectedPersonRequests.routedToMe()).resolves.toEqual([]);
  });

  it("an assignee whose qualification was revoked cannot answer until a lead routes it again", async () => {
    const s = await requestSetting();
    const { id } = await s.as.lead.affectedPersonRequests.record(s.request());
    const [qualification] = await s.as.admin.qualifications.list({ userId: s.users.reviewer.id });
    await s.as.admin.qualifications.revoke({ qualificationId: qualification!.id, reason: "Left the refunds team" });
    await expect(s.as.reviewer.affectedPersonRequests.answer({ requestId: id, answer })).rejects.toMatchObject({ code: "FORBIDDEN", message: /revoked/ });
  });

  it("a re-review is recorded with the request: requested, then completed with its result and the new round's escalation", async () => {
    const s = await requestSetting();
    const { id } = await s.as.lead.affectedPersonRequests.record(s.request());
    await s.as.reviewer.affectedPersonRequests.recordReReview({ requestId: id, status: "requested" });
    await expect(s.as.reviewer.affectedPersonRequests.recordReReview({ requestId: id, status: "completed", result: "" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: /result/,
    });
    await expect(
      s.as.reviewer.affectedPersonRequests.recordReReview({ requestId: id, status: "completed", result: "Refund approved on re-review.", escalationId: "esc_nope" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", cause: { issues: [expect.objectContaining({ path: "escalationId" })] } });
    const other = (await addSystem(s.t.deps, "kyc-check")).system;
    const elsewhere = (await receiveEscalation(s.t.deps, other.id, escalationBody({ externalId: "kyc-1" }))).id;
    await expect(
      s.as.reviewer.affectedPersonRequests.recordReReview({ requestId: id, status: "completed", result: "Refund approved on re-review.", escalationId: elsewhere }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: /this request's AI system/ });
    await s.as.reviewer.affectedPersonRequests.recordReReview({
      requestId: id,
      status: "completed",
      result: "Refund approved on re-review: the second photo shows the damage.",
      escalationId: s.escalationId,
    });
    const detail = await s.as.auditor.affectedPersonRequests.get({ requestId: id });
    expect(detail.reReview).toMatchObject({ status: "completed", escalationId: s.escalationId, result: expect.stringMatching(/second photo/) });
    expect((await s.auditEntries()).filter((e) => e.action === "affected_person_request.re_review_recorded")).toHaveLength(2);
    await expect(s.as.reviewer.affectedPersonRequests.recordReReview({ requestId: id, status: "requested" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("the printable answer carries the decision, the AI output, who decided and the answer in force", async () => {
    const s = await requestSetting();
    const { id } = await s.as.lead.affectedPersonRequests.record(s.request());
    await s.as.reviewer.affectedPersonRequests.answer({ requestId: id, answer });
    const printable = await s.as.reviewer.affectedPersonRequests.getRoutedToMe({ requestId: id });
    expect(printable.decision.decision).toMatchObject({ outcome: "rejected", decidedBy: { name: "rev", role: "reviewer" } });
    expect(printable.decision.aiOutput).toEqual({ decision: "refund", amount: 39.9, currency: "EUR" });
    expect(printable.decision.humanRole).toMatch(/qualified reviewer verified this output/);
    expect(printable.answer?.answer).toBe(answer);
  });
});
