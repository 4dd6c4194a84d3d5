/** Where a value sits inside a JSON payload: keys and array positions from the top. */
export type JsonPath = (string | number)[];

/** One place a search found its text: a key or a scalar value. */
export type JsonMatch = { path: JsonPath; text: string; on: "key" | "value" };

/** A stable string for a path (keys may hold any character, so not a joined string). */
export const pathKey = (path: JsonPath) => JSON.stringify(path);

const identifier = /^[A-Za-z_$][\w$]*$/;

/** The path as a reviewer would write it: `orders[12].lines[0]["unit price"]`. */
export function pathLabel(path: JsonPath): string {
  if (path.length === 0) return "(top)";
  return path
    .map((step, i) => (typeof step === "number" ? `[${step}]` : identifier.test(step) ? (i === 0 ? step : `.${step}`) : `[${JSON.stringify(step)}]`))
    .join("");
}

export function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null;
}

/** A container's children in document order: array items by position, object members by key. */
export function childrenOf(value: Record<string, unknown> | unknown[]): [string | number, unknown][] {
  return Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
}

/**
 * Every key and scalar value that contains `query` (case-insensitive), in document order; the
 * first `limit` are returned with the total. Iterative, so a deep payload cannot overflow the stack,
 * and one path is kept and changed in place on the way down (copied only for a match kept): a
 * megabyte of JSON is walked without building a path for each of its hundred thousand values.
 */
export function searchJson(root: unknown, query: string, limit = 100): { matches: JsonMatch[]; total: number } {
  const needle = query.toLowerCase();
  const matches: JsonMatch[] = [];
  let total = 0;
  const path: JsonPath = [];
  const found = (text: string, on: JsonMatch["on"]) => {
    total += 1;
    if (matches.length < limit) matches.push({ path: [...path], text, on });
  };
  const scalar = (value: unknown) => {
    const text = String(value);
    if (text.toLowerCase().includes(needle)) found(text, "value");
  };
  if (!isContainer(root)) {
    scalar(root);
    return { matches, total };
  }
  // One frame per open container: its keys (or length) and the position reached.
  type Frame = { container: Record<string, unknown> | unknown[]; keys: string[] | null; next: number };
  const frameOf = (container: Record<string, unknown> | unknown[]): Frame => ({ container, keys: Array.isArray(container) ? null : Object.keys(container), next: 0 });
  const stack: Frame[] = [frameOf(root)];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const size = frame.keys ? frame.keys.length : (frame.container as unknown[]).length;
    if (frame.next >= size) {
      stack.pop();
      path.pop();
      continue;
    }
    const position = frame.next++;
    const key = frame.keys ? frame.keys[position]! : position;
    const value = frame.keys ? (frame.container as Record<string, unknown>)[key] : (frame.container as unknown[])[position];
    path.push(key);
    if (typeof key === "string" && key.toLowerCase().includes(needle)) found(key, "key");
    if (isContainer(value)) {
      stack.push(frameOf(value));
    } else {
      scalar(value);
      path.pop();
    }
  }
  return { matches, total };
}

/** A window of `text` around the first occurrence of `query`, for a result line. */
export function snippet(text: string, query: string, width = 80): string {
  const at = text.toLowerCase().indexOf(query.toLowerCase());
  if (text.length <= width || at < 0) return text.length <= width ? text : `${text.slice(0, width)}…`;
  const start = Math.max(0, at - Math.floor((width - query.length) / 2));
  return `${start > 0 ? "…" : ""}${text.slice(start, start + width)}${start + width < text.length ? "…" : ""}`;
}
