import { describe, expect, it } from "vitest";
import { incidentKinds, recordIncidentInputSchema, reportDueAt, reportOverdue } from "./incidents";

const awareAt = "2026-11-22T09:00:00Z";

describe("the reporting clock of an incident (EU AI Act Art. 73)", () => {
  it("gives a serious incident 15 days from awareness (Art. 73(2))", () => {
    expect(reportDueAt("serious_incident", awareAt)).toBe("2026-12-07T09:00:00.000Z");
    expect(incidentKinds.serious_incident.article).toBe("Art. 73(2)");
  });

  it("gives a widespread infringement or a critical-infrastructure disruption (Art. 3(49)(b)) 2 days (Art. 73(3))", () => {
    expect(reportDueAt("critical_infrastructure_or_widespread", awareAt)).toBe("2026-11-24T09:00:00.000Z");
    expect(incidentKinds.critical_infrastructure_or_widespread.rule).toMatch(/Art\. 3\(49\)\(b\).*not later than 2 days.*Art\. 73\(3\)/);
  });

  it("gives the death of a person 10 days (Art. 73(4))", () => {
    expect(reportDueAt("death", awareAt)).toBe("2026-12-02T09:00:00.000Z");
    expect(incidentKinds.death.article).toBe("Art. 73(4)");
  });

  it("sets no statutory clock for a malfunction that is not a serious incident (Art. 26(5))", () => {
    expect(reportDueAt("malfunction", awareAt)).toBeNull();
    expect(incidentKinds.malfunction.rule).toMatch(/No statutory clock.*Art\. 79\(1\).*suspend use.*Art\. 26\(5\)/);
  });

  it("counts whole days across a daylight-saving change as 24-hour days in UTC", () => {
    expect(reportDueAt("serious_incident", "2026-10-20T12:00:00+02:00")).toBe("2026-11-04T10:00:00.000Z");
  });

  it("is overdue once the due time passes with no report to the authority, and never for a kind without a clock", () => {
    const due = { reportDueAt: "2026-11-24T09:00:00.000Z", authorityNotifiedAt: null };
    expect(reportOverdue(due, Date.parse("2026-11-24T08:59:59Z"))).toBe(false);
    expect(reportOverdue(due, Date.parse("2026-11-24T09:00:00Z"))).toBe(true);
    expect(reportOverdue({ ...due, authorityNotifiedAt: "2026-11-25T00:00:00.000Z" }, Date.parse("2026-12-01T00:00:00Z"))).toBe(false);
    expect(reportOverdue({ reportDueAt: null, authorityNotifiedAt: null }, Date.parse("2030-01-01T00:00:00Z"))).toBe(false);
  });

  it("refuses an awareness before the incident occurred, naming the field", () => {
    const result = recordIncidentInputSchema.safeParse({
      systemId: "sys",
      title: "Wrong refunds",
      description: "The system refused refunds to a protected group.",
      kind: "serious_incident",
      severity: "high",
      occurredAt: "2026-11-22T10:00:00Z",
      awareAt: "2026-11-22T09:00:00Z",
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ["awareAt"], message: expect.stringMatching(/awareAt must not be before occurredAt/) });
  });
});
