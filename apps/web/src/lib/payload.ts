/** Text as the reviewer should read it: JSON objects pretty-printed, strings as they are. */
export function payloadText(payload: unknown): string {
  if (typeof payload === "string") return payload;
  return JSON.stringify(payload, null, 2);
}

export function isJsonObject(payload: unknown): payload is Record<string, unknown> {
  return typeof payload === "object" && payload !== null && !Array.isArray(payload);
}

/**
 * Whether the payload written out would be longer than `limit` characters (as compact JSON,
 * roughly), deciding as soon as it is: a megabyte is not written out just to learn it is large.
 */
export function payloadExceeds(payload: unknown, limit: number): boolean {
  let left = limit;
  const walk = (value: unknown): boolean => {
    if (typeof value === "string") left -= value.length + 2;
    else if (value === null || typeof value !== "object") left -= String(value).length;
    else {
      for (const [key, child] of Object.entries(value)) {
        left -= key.length + 4;
        if (walk(child)) return true;
      }
    }
    return left < 0;
  };
  return walk(payload);
}
