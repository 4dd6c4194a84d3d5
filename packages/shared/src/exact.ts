import { z } from "zod";

/**
 * What is accepted comes back byte-exact, or is refused with a message naming the field: never
 * silently changed. Text with a lone surrogate cannot be stored as UTF-8 (it would come back as
 * U+FFFD), and some JSON numbers cannot survive a round trip through a JavaScript number.
 */

/** ES2024's String.prototype.isWellFormed (Node 20, every current browser); the lib target here is ES2023. */
export function isWellFormedText(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

const loneSurrogate = (field: string) =>
  `${field} must be well-formed Unicode: it holds a lone surrogate (an unpaired \\uD800–\\uDFFF), which cannot be stored exactly`;

/** Whether text is free of U+0000 (NUL), which PostgreSQL's text cannot hold. */
export const holdsNoNul = (text: string) => !text.includes("\u0000");

const nulCharacter = (field: string) => `${field} must not contain the NUL character (U+0000), which cannot be stored`;

/**
 * A text field that refuses lone surrogates and NUL (refused on either engine, so that what SQLite
 * accepts can always move to PostgreSQL); chain .min/.max/.trim as on z.string().
 */
export function wellFormedText(field: string, params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(isWellFormedText, loneSurrogate(field)).refine(holdsNoNul, nulCharacter(field));
}

/** The same refusal for string formats (URLs) that would otherwise pass a lone surrogate through. */
export const refuseLoneSurrogates = (field: string) => [isWellFormedText, loneSurrogate(field)] as const;

type JsonLimits = { maxDepth: number; maxBytes: number };

/** Limits on every free-form JSON value (metadata, JSON corrections): depth, and size as stored. */
export const jsonLimits: JsonLimits = { maxDepth: 64, maxBytes: 256 * 1024 };

/**
 * What the AI was asked and what it proposes (input, aiOutput), text or JSON: up to 1 MiB each as
 * stored, so a large model output (a long report, a full extraction) is reviewed as it was produced.
 */
export const payloadLimits: JsonLimits = { maxDepth: 64, maxBytes: 1024 * 1024 };

/** "256 KiB", "1 MiB": a limit in the words its messages and the API description use. */
function sizeInWords(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}

const tooLarge = (field: string, limits: JsonLimits) =>
  `${field} must be at most ${sizeInWords(limits.maxBytes)} of JSON (${limits.maxBytes} bytes of UTF-8, as stored)`;

/** UTF-8 bytes of a well-formed text, counted without encoding it. */
function utf8Bytes(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // One unit: 1 byte below U+0080, 2 below U+0800, 3 otherwise; a surrogate pair (two units) is 4.
    if (unit >= 0x80) bytes += unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}

/**
 * Whether the value's JSON, as stored (JSON.stringify, UTF-8), fits in maxBytes. `atLeast` and
 * `atMost` bound it without serialising (every UTF-16 unit is at least one byte of UTF-8 and at most
 * six of JSON, as an escape); only a value between the two is serialised and counted.
 */
function fitsStored(value: unknown, atLeast: number, atMost: number, maxBytes: number): boolean {
  if (atLeast > maxBytes) return false;
  if (atMost <= maxBytes) return true;
  return utf8Bytes(JSON.stringify(value)) <= maxBytes;
}

export type JsonIssue = { path: (string | number)[]; message: string };

/** A JSON number that would come back with other digits, or why it would. */
function numberProblem(field: string, value: number): string | undefined {
  if (!Number.isFinite(value)) return `${field} holds a number beyond ±1.8e308, which cannot be stored; send it as a string`;
  if (Object.is(value, -0)) return `${field} holds -0, which would come back as 0; send 0 or a string`;
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return `${field} holds an integer beyond ±9007199254740991, which would lose digits; send it as a string`;
  }
  return undefined;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A value still to look at, with how it was reached: its path is only spelled out for an issue. */
type Pending = { value: unknown; depth: number; parent: Pending | null; key: string | number };

function pathOf(node: Pending): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Pending | null = node; at && at.parent; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * Everything that stops a JSON value from being stored and returned exactly, or from being
 * handled safely: nesting deeper than maxDepth, more than maxBytes of stored JSON, lone surrogates
 * in keys or strings, numbers that would change. Iterative, so a hostile nesting cannot overflow the
 * stack here; it stops at the depth limit, before anything recursive (hashing, JSON.stringify)
 * sees the value.
 */
export function jsonValueIssues(field: string, root: unknown, limits: JsonLimits = jsonLimits): JsonIssue[] {
  const issues: JsonIssue[] = [];
  const where = (node: Pending) => [field, ...pathOf(node)].join(".");
  const pending: Pending[] = [{ value: root, depth: 0, parent: null, key: "" }];
  // The stored JSON's length in UTF-16 units without escapes (a lower bound of its UTF-8 bytes),
  // and how many of those units are inside strings (each may grow to a six-byte escape).
  let units = 0;
  let stringUnits = 0;
  while (pending.length > 0 && issues.length < 10) {
    const node = pending.pop()!;
    const value = node.value;
    if (typeof value === "string") {
      units += value.length + 2;
      stringUnits += value.length;
      if (!isWellFormedText(value)) issues.push({ path: pathOf(node), message: loneSurrogate(where(node)) });
    } else if (typeof value === "number") {
      units += String(value).length;
      const problem = numberProblem(where(node), value);
      if (problem) issues.push({ path: pathOf(node), message: problem });
    } else if (value === null || typeof value === "boolean") {
      units += value === false ? 5 : 4;
    } else if (Array.isArray(value) || isJsonObject(value)) {
      if (node.depth >= limits.maxDepth) {
        return [{ path: [], message: `${field} may be nested at most ${limits.maxDepth} levels deep` }];
      }
      const depth = node.depth + 1;
      if (Array.isArray(value)) {
        units += 2 + Math.max(0, value.length - 1);
        for (let i = value.length - 1; i >= 0; i--) pending.push({ value: value[i], depth, parent: node, key: i });
      } else {
        const keys = Object.keys(value);
        units += 2 + Math.max(0, keys.length - 1);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i]!;
          units += key.length + 3;
          stringUnits += key.length;
          if (!isWellFormedText(key)) issues.push({ path: pathOf(node), message: `${loneSurrogate(where(node))} (in a key)` });
          pending.push({ value: value[key], depth, parent: node, key });
        }
      }
    } else {
      issues.push({ path: pathOf(node), message: `${where(node)} must be JSON: a string, number, boolean, null, array or object` });
    }
    if (units > limits.maxBytes) return [{ path: [], message: tooLarge(field, limits) }];
  }
  if (issues.length === 0 && !fitsStored(root, units, units + 5 * stringUnits, limits.maxBytes)) {
    return [{ path: [], message: tooLarge(field, limits) }];
  }
  return issues;
}

/** The same size rule for a text kept as a JSON string. */
function textIssues(field: string, text: string, limits: JsonLimits): JsonIssue[] {
  if (!isWellFormedText(text)) return [{ path: [], message: loneSurrogate(field) }];
  if (!fitsStored(text, text.length + 2, 6 * text.length + 2, limits.maxBytes)) return [{ path: [], message: tooLarge(field, limits) }];
  return [];
}

function addJsonIssues(field: string, value: unknown, ctx: z.RefinementCtx, limits: JsonLimits = jsonLimits) {
  const issues = typeof value === "string" ? textIssues(field, value, limits) : isJsonObject(value) ? jsonValueIssues(field, value, limits) : [];
  for (const issue of issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
}

/**
 * A JSON object taken as it came: unlike z.record, which rebuilds the object (and so drops a
 * `__proto__` key), the parsed object is kept, every key with it.
 */
export function jsonObjectSchema(field: string, message = `${field} must be a JSON object`) {
  return z
    .custom<Record<string, unknown>>(isJsonObject, { error: message })
    .superRefine((value, ctx) => addJsonIssues(field, value, ctx))
    // How the OpenAPI document describes it (a custom schema has no JSON Schema of its own).
    .meta({ type: "object", description: `any JSON object, at most ${jsonLimits.maxDepth} levels deep and ${sizeInWords(jsonLimits.maxBytes)} as stored JSON (UTF-8)` });
}

/** Free text or a JSON object (what the AI was asked, what it proposes), under the rules above and payloadLimits. */
export function textOrJsonObjectSchema(field: string, message: (input: unknown) => string) {
  return z
    .custom<string | Record<string, unknown>>((value) => typeof value === "string" || isJsonObject(value), {
      error: (issue) => message(issue.input),
    })
    .superRefine((value, ctx) => addJsonIssues(field, value, ctx, payloadLimits))
    .meta({
      anyOf: [{ type: "string" }, { type: "object" }],
      description: `text, or a JSON object at most ${payloadLimits.maxDepth} levels deep; at most ${sizeInWords(payloadLimits.maxBytes)} (${payloadLimits.maxBytes} bytes) as stored JSON, UTF-8 (a text is stored as a JSON string); kept exactly as sent`,
    });
}

/**
 * Free text that may hold JSON (a reviewer's corrected output): when it parses as an object or
 * array, that JSON obeys the same limits, since it is read back as JSON.
 */
export function textMaybeJson(field: string) {
  return wellFormedText(field).superRefine((text, ctx) => {
    const start = text.trimStart()[0];
    if (start !== "{" && start !== "[") return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    for (const issue of jsonValueIssues(field, parsed)) ctx.addIssue({ code: "custom", message: issue.message });
  });
}
