import { describe, expect, it } from "vitest";
import { answerDueAt } from "./affected-person-requests";

const due = (received: string, months = 0) => new Date(answerDueAt(Date.parse(received), months)).toISOString();

describe("the answer's due date (GDPR Art. 12(3), counted as Regulation 1182/71 Art. 3 counts months)", () => {
  it("is the end of the day bearing the same date one month after receipt", () => {
    expect(due("2026-01-15T09:30:00Z")).toBe("2026-02-15T23:59:59.999Z");
    expect(due("2026-11-22T00:00:00Z")).toBe("2026-12-22T23:59:59.999Z");
  });

  it("a request received late in the evening is due by the end of the same date, not a day later", () => {
    expect(due("2026-03-10T23:59:00Z")).toBe("2026-04-10T23:59:59.999Z");
  });

  it("falls on the last day of the next month when that month has no such date", () => {
    expect(due("2026-01-31T12:00:00Z")).toBe("2026-02-28T23:59:59.999Z");
    expect(due("2028-01-31T12:00:00Z")).toBe("2028-02-29T23:59:59.999Z");
    expect(due("2026-03-31T12:00:00Z")).toBe("2026-04-30T23:59:59.999Z");
  });

  it("runs across the year's end", () => {
    expect(due("2026-12-20T08:00:00Z")).toBe("2027-01-20T23:59:59.999Z");
  });

  it("an extension by two further months makes it three months after receipt, counted from receipt", () => {
    expect(due("2026-01-15T09:30:00Z", 1)).toBe("2026-03-15T23:59:59.999Z");
    expect(due("2026-01-15T09:30:00Z", 2)).toBe("2026-04-15T23:59:59.999Z");
    // From receipt, not from the first due date: 31 Jan + 3 months is 30 April, not 28 April.
    expect(due("2026-01-31T12:00:00Z", 2)).toBe("2026-04-30T23:59:59.999Z");
  });

  it("refuses an extension beyond two further months", () => {
    expect(() => answerDueAt(Date.parse("2026-01-15T00:00:00Z"), 3)).toThrow(/0 to 2 whole months/);
    expect(() => answerDueAt(Date.parse("2026-01-15T00:00:00Z"), 1.5)).toThrow(/whole months/);
  });
});
