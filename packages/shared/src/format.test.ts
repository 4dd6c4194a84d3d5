import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatClock,
  formatCount,
  formatDate,
  formatDateTime,
  formatDateTimeWithIso,
  formatDay,
  formatDuration,
  formatMoney,
  formatOf,
  formatPercent,
  formatPercentRange,
  formatRatio,
  formatRelative,
  formatZ,
  noValue,
  formatLatency,
} from "./format";

describe("one way to write a number", () => {
  it("writes a share as a percentage without a space, with at most one decimal", () => {
    expect(formatPercent(0.4)).toBe("40%");
    expect(formatPercent(0.0833)).toBe("8.3%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercentRange({ low: 0.22, high: 0.61 })).toBe("22%–61%");
  });

  it("writes a missing figure as a dash, never a zero", () => {
    expect(formatPercent(null)).toBe(noValue);
    expect(formatPercent(Number.NaN)).toBe(noValue);
    expect(formatDuration(undefined)).toBe(noValue);
    expect(formatMoney(null, "EUR")).toBe(noValue);
    expect(formatPercentRange(null)).toBe(noValue);
  });

  it("writes counts with separators and samples as 'of'", () => {
    expect(formatCount(12345)).toBe("12,345");
    expect(formatOf(2, 1500)).toBe("2 of 1,500");
    expect(formatRatio(1.754)).toBe("1.75×");
    expect(formatZ(2.26)).toBe("+2.3");
    expect(formatZ(-1)).toBe("−1.0");
    expect(formatZ(0.01)).toBe("±0.0");
  });

  it("writes money in the business case's currency, and the code after an unknown one", () => {
    expect(formatMoney(2.9, "EUR")).toBe("€2.90");
    expect(formatMoney(6, "USD")).toBe("$6.00");
    expect(formatMoney(1.1, null)).toBe("1.10");
    expect(formatMoney(1.1, "eur")).toBe("1.10 eur");
  });

  it("has one spelling of seconds, in at most two units", () => {
    expect(formatDuration(4.24)).toBe("4.2 s");
    expect(formatDuration(3)).toBe("3 s");
    expect(formatDuration(42.4)).toBe("42 s");
    expect(formatDuration(200)).toBe("3 min 20 s");
    expect(formatDuration(180)).toBe("3 min");
    expect(formatDuration(7500)).toBe("2 h 5 min");
    expect(formatDuration(3 * 86400 + 4 * 3600)).toBe("3 d 4 h");
    expect(formatClock(247_000)).toBe("4:07");
    expect(formatClock(3_727_000)).toBe("1:02:07");
    expect(formatBytes(4200)).toBe("4.2 kB");
  });

  it("writes a latency in milliseconds under a second, then in seconds", () => {
    expect(formatLatency(85.4)).toBe("85 ms");
    expect(formatLatency(2300)).toBe("2.3 s");
    expect(formatLatency(null)).toBe("—");
  });

  it("writes relative times from the largest unit", () => {
    const now = Date.parse("2026-12-01T18:00:00Z");
    expect(formatRelative(now - 2000, now)).toBe("just now");
    expect(formatRelative(now - 5 * 60_000, now)).toBe("5 min ago");
    expect(formatRelative(now + 3 * 3_600_000, now)).toBe("in 3 h");
    expect(formatRelative(new Date(now - 3 * 86_400_000).toISOString(), now)).toBe("3 d ago");
  });

  it("writes dates for people, and the ISO form beside them where machines check", () => {
    const at = "2026-12-01T18:01:02.000Z";
    expect(formatDate(at, { timeZone: "UTC" })).toBe("Dec 1, 2026");
    expect(formatDateTime(at, { timeZone: "UTC" })).toBe("Dec 1, 2026, 18:01:02 UTC");
    expect(formatDateTimeWithIso(at)).toBe("Dec 1, 2026, 18:01:02 UTC (2026-12-01T18:01:02.000Z)");
    expect(formatDay("2026-11-03")).toBe("Nov 3");
  });
});
