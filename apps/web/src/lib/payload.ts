/** Text as the reviewer should read it: JSON objects pretty-printed, strings as they are. */
export function payloadText(payload: unknown): string {
  if (typeof payload === "string") return payload;
  return JSON.stringify(payload, null, 2);
}

export function isJsonObject(payload: unknown): payload is Record<string, unknown> {
  return typeof payload === "object" && payload !== null && !Array.isArray(payload);
}
