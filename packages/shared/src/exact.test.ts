import { describe, expect, it } from "vitest";
import { jsonLimits, jsonValueIssues } from "./exact";

describe("the limits on free-form JSON values", () => {
  it("stops at the depth limit without recursing, however deep the value", () => {
    let value: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) value = { a: value };
    expect(jsonValueIssues("metadata", value)).toEqual([{ path: [], message: "metadata may be nested at most 64 levels deep" }]);
  });

  it("names the limit on size, and the path of every lone surrogate and unexact number", () => {
    expect(jsonValueIssues("metadata", { text: "x".repeat(300 * 1024) })).toEqual([{ path: [], message: "metadata must be at most 256 KiB of JSON (262144 bytes of UTF-8, as stored)" }]);
    const issues = jsonValueIssues("aiOutput", { list: [1, "\uD800"], big: 2 ** 53, zero: -0, "\uDC00": 1 });
    expect(issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["list.1", "big", "zero", ""]));
    expect(issues.find((i) => i.path.join(".") === "big")!.message).toMatch(/aiOutput\.big holds an integer beyond ±9007199254740991/);
  });

  it("counts the stored JSON's UTF-8 bytes exactly: escapes and multi-byte characters included", () => {
    // UTF-8 bytes: each %XX of encodeURIComponent is one byte.
    const byteLength = (text: string) => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, "x").length;
    const exactly = (size: number, unit: string) => {
      const unitBytes = byteLength(JSON.stringify(unit)) - 2;
      return { text: unit.repeat(Math.floor((size - byteLength('{"text":""}')) / unitBytes)) };
    };
    for (const unit of ["é", "\n", "🧾", "\u0001", "a"]) {
      const value = exactly(jsonLimits.maxBytes, unit);
      const size = byteLength(JSON.stringify(value));
      expect(jsonValueIssues("metadata", value, { maxDepth: 64, maxBytes: size }), unit).toEqual([]);
      expect(jsonValueIssues("metadata", value, { maxDepth: 64, maxBytes: size - 1 }), unit).toHaveLength(1);
    }
  });

  it("accepts what survives a round trip exactly", () => {
    expect(jsonValueIssues("metadata", { __proto__: null, n: [0, 0.1, -5, 9007199254740991, 1e-300], s: "\uD83D\uDE00", nested: [[[{}]]] })).toEqual([]);
  });
});
