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
 * first `limit` are returned with the total. Iterative, so a deep payload cannot overflow the stack.
 */
export function searchJson(root: unknown, query: string, limit = 100): { matches: JsonMatch[]; total: number } {
  const needle = query.toLowerCase();
  const matches: JsonMatch[] = [];
  let total = 0;
  const found = (match: JsonMatch) => {
    total += 1;
    if (matches.length < limit) matches.push(match);
  };
  const stack: { path: JsonPath; value: unknown }[] = [{ path: [], value: root }];
  while (stack.length > 0) {
    const { path, value } = stack.pop()!;
    const key = path[path.length - 1];
    if (typeof key === "string" && key.toLowerCase().includes(needle)) found({ path, text: key, on: "key" });
    if (isContainer(value)) {
      const children = childrenOf(value);
      for (let i = children.length - 1; i >= 0; i--) stack.push({ path: [...path, children[i]![0]], value: children[i]![1] });
    } else if (String(value).toLowerCase().includes(needle)) {
      found({ path, text: String(value), on: "value" });
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
