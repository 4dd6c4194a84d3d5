import { hash, randomBytes, randomUUID } from "node:crypto";
import { configure } from "safe-stable-stringify";

export function sha256(text: string): string {
  // The one-shot form: about three times faster than createHash for the short texts hashed here
  // (every audit entry hashes twice), which a batch of 500 escalations feels.
  return hash("sha256", text, "hex");
}

/**
 * RFC 8785 (JCS) for JSON data: keys sorted by UTF-16 code units, each string and number written
 * as JSON.stringify writes it, no whitespace. safe-stable-stringify's deterministic mode writes
 * exactly that for JSON data (it escapes strings with JSON.stringify's rules and writes finite
 * numbers with String(), which JSON.stringify shares), at a third of the cost of the `canonicalize`
 * package it replaced here; lib/hash.test.ts holds the two to the same bytes. Strict: NaN,
 * Infinity, BigInt, functions and cycles throw rather than being written as something else.
 */
const stableJson = configure({ deterministic: true, strict: true, bigint: false });

/** RFC 8785 canonical JSON: the same value always hashes the same, whatever its key order. */
export function canonicalJson(value: unknown): string {
  if (isFlatAndSorted(value)) return JSON.stringify(value);
  const text = stableJson(value);
  if (text === undefined) throw new Error("value cannot be canonicalised");
  return text;
}

/**
 * Whether JSON.stringify already writes the value's canonical form: a plain object whose keys
 * enumerate in UTF-16 code-unit order and whose values are strings, finite numbers, booleans,
 * null or absent: JCS writes each such primitive as JSON.stringify does, so this shortcut changes
 * no byte; it spares every audit entry's fixed-shape content and link (written with their keys in
 * order) the generic walk.
 */
function isFlatAndSorted(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  let previous: string | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) return false;
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
    const field = (value as Record<string, unknown>)[key];
    const type = typeof field;
    if (type === "string" || type === "boolean" || field === null || field === undefined) continue;
    if (type === "number" && Number.isFinite(field)) continue;
    return false;
  }
  return true;
}

export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll("-", "")}`;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
