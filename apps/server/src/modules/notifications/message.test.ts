import { describe, expect, it } from "vitest";
import type { Fact } from "./facts";
import { renderMessage } from "./message";

const now = Date.parse("2026-11-22T09:00:00Z");
const urgent = (i: number, systemName = "refund-triage"): Fact => ({
  key: `urgent_waiting:esc_${i}`,
  trigger: "urgent_waiting",
  systemId: "sys_1",
  systemName,
  at: now,
  priority: "urgent",
  waitingSince: now - 20 * 60_000,
  reasonCode: "low_confidence",
  path: "/queue",
});

describe("a notification message", () => {
  it("a digest lists twenty facts and counts the rest, with a link", () => {
    const message = renderMessage(Array.from({ length: 25 }, (_, i) => urgent(i)), now, "https://countersign.example.com");
    expect(message.subject).toBe("Countersign: 25 notifications");
    expect(message.body.match(/^- An urgent escalation/gm)).toHaveLength(20);
    expect(message.body).toContain("- …and 5 more: https://countersign.example.com/queue");
  });

  it("a system's name or a reason code cannot add lines or headers", () => {
    const message = renderMessage([{ ...urgent(1, "refunds\r\nBcc: everyone@example.com"), reasonCode: "x\n\nApprove here: https://evil.example" }], now, undefined);
    expect(message.subject).not.toMatch(/[\r\n]/);
    expect(message.body.split("\n")[0]).toBe(
      "- An urgent escalation of refunds Bcc: everyone@example.com has waited 20 minutes for a reviewer (priority urgent, reason x Approve here: https://evil.example).",
    );
  });
});
