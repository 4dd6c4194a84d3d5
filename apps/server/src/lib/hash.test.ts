import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import { contentHash, entryHash, linkHash, type ChainedEntry } from "../audit/chain";
import { naughtyStrings } from "../testing/hostile";
import { canonicalJson, sha256 } from "./hash";

const awkwardText = ['plain', 'quote " and \\ backslash', "line\nbreak\ttab\u0000nul", "ünïcödé 🧾", "\u2028\u2029", "<script>", "\uD800 lone", ""];

describe("canonicalJson", () => {
  it("writes exactly what canonicalize writes, flat or nested, keys in order or not", () => {
    const values: unknown[] = [
      { a: 1, b: "x", c: null, d: true },
      { b: 1, a: 2 },
      { "10": "ten", "9": "nine" },
      { "1": "one", "2": "two", a: "a" },
      JSON.parse('{"__proto__": "kept", "a": 1}'),
      JSON.parse('{"a": 1, "__proto__": {"x": 1}}'),
      { a: undefined, b: 1 },
      { a: 1.5, b: -0, c: 1e21, d: 5e-7, e: Number.MAX_SAFE_INTEGER },
      { a: { z: 1, y: 2 } },
      { a: [3, 1, { b: 2, a: 1 }] },
      { toJSON: "not a function", a: 1 },
      { a: "é", B: "upper sorts first", _: "underscore" },
      { "é": 1, "z": 2 },
      { "\u{1F9FE}": 1, "\uFFFF": 2 },
      Object.fromEntries(awkwardText.map((text, i) => [`k${i}`, text])),
      Object.fromEntries(awkwardText.map((text) => [text, text])),
      [1, "a", null],
      "text",
      42,
      null,
      {},
      { length: 3, a: [undefined, 1] },
      { date: new Date(Date.UTC(2026, 11, 1)), list: [{ z: { y: { x: [null, false, 0.1] } } }] },
      { long: "x".repeat(6000), escaped: `${"\"".repeat(3000)}\n${"é".repeat(3000)}` },
      Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`key-${(i * 7919) % 300}`, i])),
      Object.fromEntries(naughtyStrings.map((text, i) => [text, { [text]: [text, i] }])),
      naughtyStrings,
    ];
    for (const value of values) expect(canonicalJson(value), JSON.stringify(value)).toBe(canonicalize(value));
  });

  it("refuses what canonicalize refuses", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow();
    expect(() => canonicalJson({ a: { b: Number.NaN } })).toThrow();
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = { cycle };
    expect(() => canonicalJson(cycle)).toThrow();
  });
});

describe("the audit chain's hashes", () => {
  it("are the SHA-256 of canonicalize's output, as the chain has always been written", () => {
    for (const text of awkwardText) {
      const entry: ChainedEntry = {
        seq: 7,
        at: "2026-12-01T10:00:00.000Z",
        actorType: "ai_system",
        actorId: text === "" ? null : `sys_${text}`,
        action: "escalation.received",
        entityType: "escalation",
        entityId: `esc_${text}`,
        payload: canonicalize({ text, systemId: "sys_1" })!,
        prevHash: "0".repeat(64),
      };
      const { seq, prevHash, ...content } = entry;
      const contentSha256 = sha256(canonicalize(content)!);
      expect(contentHash(entry)).toBe(contentSha256);
      expect(linkHash({ seq, prevHash, contentSha256 })).toBe(sha256(canonicalize({ seq, prevHash, contentSha256 })!));
      expect(entryHash(entry)).toBe(sha256(canonicalize({ seq, prevHash, contentSha256 })!));
    }
  });
});
