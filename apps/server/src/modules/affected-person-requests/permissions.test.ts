import { describe, expect, it } from "vitest";
import { requestSetting } from "./requests-testing";

const answer = "The AI system proposed the refund; a qualified reviewer rejected it after checking the order.";

describe("who may do what with affected people's requests", () => {
  it("a reviewer cannot record, route, extend or read every request", async () => {
    const s = await requestSetting();
    const { id } = await s.as.lead.affectedPersonRequests.record(s.request());
    const r = s.as.reviewer.affectedPersonRequests;
    await expect(r.record(s.request())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(r.reassign({ requestId: id, assigneeId: s.users.reviewer.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(r.extend({ requestId: id, months: 1, reason: "A reviewer gives themself more time" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(r.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(r.get({ requestId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(r.eligibleAssignees({ systemId: s.system.id, kind: "explanation" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an auditor reads every request and its answer but cannot record, route or answer one", async () => {
    const s = await requestSetting();
    const { id } = await s.as.lead.affectedPersonRequests.record(s.request());
    await s.as.reviewer.affectedPersonRequests.answer({ requestId: id, answer });
    const a = s.as.auditor.affectedPersonRequests;
    await expect(a.list()).resolves.toEqual([expect.objectContaining({ id, status: "answered" })]);
    await expect(a.get({ requestId: id })).resolves.toMatchObject({ answer: { answer } });
    await expect(a.record(s.request())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(a.reassign({ requestId: id, assigneeId: s.users.reviewer.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(a.editAnswer({ requestId: id, answer: `${answer} Changed.`, reason: "An auditor rewrites the answer" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(a.recordReReview({ requestId: id, status: "requested" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(a.routedToMe()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an admin records and reads but cannot answer (admins hold no qualification to decide)", async () => {
    const s = await requestSetting();
    const { id } = await s.as.admin.affectedPersonRequests.record(s.request());
    await expect(s.as.admin.affectedPersonRequests.answer({ requestId: id, answer })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(s.as.admin.affectedPersonRequests.get({ requestId: id })).resolves.toMatchObject({ id });
  });

  it("a lead cannot answer a request routed to someone else", async () => {
    const s = await requestSetting();
    const { id } = await s.as.lead.affectedPersonRequests.record(s.request());
    await expect(s.as.lead.affectedPersonRequests.answer({ requestId: id, answer })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
