import { describe, expect, it } from "vitest";
import { rationaleSimilarity } from "./similarity";

describe("rationale similarity", () => {
  const original = "Checked the order and the photo, the amount matches and the refund is within the 30 day window.";

  it("is 1 for the same rationale, whatever the case and punctuation", () => {
    expect(rationaleSimilarity(original, original.toUpperCase().replaceAll(",", ""))).toBe(1);
  });

  it("stays high after a small edit, so copy-paste with a tweak is caught", () => {
    const tweaked = original.replace("30 day", "thirty-day").replace("Checked", "I checked");
    expect(rationaleSimilarity(original, tweaked)).toBeGreaterThan(0.5);
    expect(rationaleSimilarity(original, `${original} ok`)).toBeGreaterThanOrEqual(0.9);
  });

  it("is low for a genuinely different analysis", () => {
    const different = "Customer's photo shows a different model than the one ordered, so I rejected the refund.";
    expect(rationaleSimilarity(original, different)).toBeLessThan(0.2);
  });

  it("is 0 when either text is empty", () => {
    expect(rationaleSimilarity("", original)).toBe(0);
  });
});
