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

/** A text field that refuses lone surrogates; chain .min/.max/.trim as on z.string(). */
export function wellFormedText(field: string, params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(isWellFormedText, loneSurrogate(field));
}

/** The same refusal for string formats (URLs) that would otherwise pass a lone surrogate through. */
export const refuseLoneSurrogates = (field: string) => [isWellFormedText, loneSurrogate(field)] as const;

/** Limits on every free-form JSON value (metadata, input, aiOutput, JSON corrections). */
export const jsonLimits = { maxDepth: 64, maxChars: 256 * 1024 } as const;

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

/**
 * Everything that stops a JSON value from being stored and returned exactly, or from being
 * handled safely: nesting deeper than maxDepth, more than maxChars of JSON, lone surrogates in
 * keys or strings, numbers that would change. Iterative, so a hostile nesting cannot overflow the
 * stack here; it stops at the depth limit, before anything recursive (hashing, JSON.stringify)
 * sees the value.
 */
export function jsonValueIssues(field: string, root: unknown, limits: { maxDepth: number; maxChars: number } = jsonLimits): JsonIssue[] {
  const issues: JsonIssue[] = [];
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  let chars = 0;
  while (pending.length > 0 && issues.length < 10) {
    const { value, path } = pending.pop()!;
    const where = [field, ...path].join(".");
    if (typeof value === "string") {
      chars += value.length + 2;
      if (!isWellFormedText(value)) issues.push({ path, message: loneSurrogate(where) });
    } else if (typeof value === "number") {
      chars += String(value).length;
      const problem = numberProblem(where, value);
      if (problem) issues.push({ path, message: problem });
    } else if (value === null || typeof value === "boolean") {
      chars += 5;
    } else if (Array.isArray(value) || isJsonObject(value)) {
      if (path.length >= limits.maxDepth) {
        return [{ path: [], message: `${field} may be nested at most ${limits.maxDepth} levels deep` }];
      }
      chars += 2;
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) pending.push({ value: value[i], path: [...path, i] });
      } else {
        for (const key of Object.keys(value).reverse()) {
          chars += key.length + 4;
          if (!isWellFormedText(key)) issues.push({ path, message: `${loneSurrogate(where)} (in a key)` });
          pending.push({ value: value[key], path: [...path, key] });
        }
      }
    } else {
      issues.push({ path, message: `${where} must be JSON: a string, number, boolean, null, array or object` });
    }
    if (chars > limits.maxChars) {
      return [{ path: [], message: `${field} must be at most ${limits.maxChars / 1024} KiB of JSON` }];
    }
  }
  return issues;
}

function addJsonIssues(field: string, value: unknown, ctx: z.RefinementCtx) {
  if (!isJsonObject(value)) return;
  for (const issue of jsonValueIssues(field, value)) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
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
    .meta({ type: "object", description: `any JSON object, at most ${jsonLimits.maxDepth} levels deep and ${jsonLimits.maxChars / 1024} KiB as JSON` });
}

/** Free text or a JSON object (what the AI was asked, what it proposes), under the rules above. */
export function textOrJsonObjectSchema(field: string, message: (input: unknown) => string) {
  return z
    .custom<string | Record<string, unknown>>((value) => typeof value === "string" || isJsonObject(value), {
      error: (issue) => message(issue.input),
    })
    .superRefine((value, ctx) => {
      if (typeof value === "string" && !isWellFormedText(value)) ctx.addIssue({ code: "custom", message: loneSurrogate(field) });
      addJsonIssues(field, value, ctx);
    })
    .meta({
      anyOf: [{ type: "string" }, { type: "object" }],
      description: `text, or a JSON object at most ${jsonLimits.maxDepth} levels deep and ${jsonLimits.maxChars / 1024} KiB as JSON; kept exactly as sent`,
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
