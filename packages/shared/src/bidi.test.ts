import { describe, expect, it } from "vitest";
import { bidiSegments, hasBidiControls } from "./bidi";

describe("bidirectional controls in untrusted text", () => {
  it("cuts the text at every control and names each one, losing no character", () => {
    const text = "refund \u202E001 EUR\u202C to \u2067x\u2069";
    const segments = bidiSegments(text);
    expect(segments.map((s) => (s.kind === "text" ? s.text : `⟨${s.abbr}⟩`)).join("")).toBe("refund ⟨RLO⟩001 EUR⟨PDF⟩ to ⟨RLI⟩x⟨PDI⟩");
    expect(segments.map((s) => (s.kind === "text" ? s.text : s.char)).join("")).toBe(text);
    expect(segments[1]).toMatchObject({ kind: "control", label: "hidden direction control: right-to-left override (U+202E)" });
  });

  it("leaves text without controls whole, right-to-left script included", () => {
    expect(hasBidiControls("مرحبا hello")).toBe(false);
    expect(bidiSegments("مرحبا hello")).toEqual([{ kind: "text", text: "مرحبا hello" }]);
    expect(hasBidiControls("a\u200Fb")).toBe(true);
  });
});
