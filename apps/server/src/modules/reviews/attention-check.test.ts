import { describe, expect, it } from "vitest";
import { buildAttentionCheck } from "./attention-check";

describe("attention checks", () => {
  const output = JSON.stringify({ decision: "refund", amount: 129.99, currency: "EUR", reason: "damaged parcel" });
  const input = "Customer writes from Lisbon about order 55123: the parcel was wet and the screen cracked.";

  it("asks for one value that appears in the AI output among three that do not", () => {
    const check = buildAttentionCheck("seed-1", output, input)!;
    expect(check.options).toHaveLength(4);
    expect(new Set(check.options).size).toBe(4);
    const answer = check.options[check.correctIndex]!;
    expect(output.toLowerCase()).toContain(answer.toLowerCase());
    for (const [index, option] of check.options.entries()) {
      if (index !== check.correctIndex) expect(output.toLowerCase()).not.toContain(option.toLowerCase());
    }
  });

  it("is the same for the same claim and varies across claims", () => {
    expect(buildAttentionCheck("seed-1", output, input)).toEqual(buildAttentionCheck("seed-1", output, input));
    const answers = new Set(
      Array.from({ length: 20 }, (_, i) => {
        const check = buildAttentionCheck(`seed-${i}`, output, input)!;
        return `${check.correctIndex}:${check.options[check.correctIndex]}`;
      }),
    );
    expect(answers.size).toBeGreaterThan(3);
  });
});
