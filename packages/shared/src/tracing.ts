import { z } from "zod";

/**
 * W3C Trace Context `traceparent` (https://www.w3.org/TR/trace-context/#traceparent-header):
 * version-traceId-parentId-flags, lowercase hex. Version ff is invalid; version 00 has exactly
 * four fields; a later version may append more, which are kept as sent.
 */
const traceparentPattern = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

export function parseTraceparent(value: string): { traceId: string; spanId: string } | null {
  const match = traceparentPattern.exec(value);
  if (!match) return null;
  const [, version, traceId, spanId, , rest] = match as unknown as [string, string, string, string, string, string | undefined];
  if (version === "ff" || (version === "00" && rest !== undefined)) return null;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return null;
  return { traceId, spanId };
}

export const traceparentSchema = z
  .string({ error: "traceparent must be a string" })
  .max(512, "traceparent must be at most 512 characters")
  .refine(
    (value) => parseTraceparent(value) !== null,
    "traceparent must follow W3C Trace Context: 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>, lowercase, ids not all zeros",
  )
  .meta({ description: "W3C Trace Context traceparent of the AI system's trace that produced this output", example: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" });

const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain });
const sampleTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

/** The trace link of an escalation: the system's template with {traceId} (and {spanId}) filled in. */
export function traceLink(template: string, traceparent: string): string | null {
  const ids = parseTraceparent(traceparent);
  if (!ids) return null;
  return template.replaceAll("{traceId}", ids.traceId).replaceAll("{spanId}", ids.spanId);
}

/**
 * Where an AI system's traces open, e.g. `https://tracing.example.com/trace/{traceId}`: an https URL
 * holding {traceId} and optionally {spanId}, which are filled with hex ids only.
 */
export const traceLinkTemplateSchema = z
  .string({ error: "traceLinkTemplate must be a string" })
  .trim()
  .max(2000, "traceLinkTemplate must be at most 2000 characters")
  .refine((template) => template.includes("{traceId}"), "traceLinkTemplate must contain {traceId}, where the trace id goes")
  .refine((template) => {
    const filled = template.replaceAll("{traceId}", sampleTraceId).replaceAll("{spanId}", "00f067aa0ba902b7");
    return !/[{}\s]/.test(filled) && httpsUrl.safeParse(filled).success;
  }, "traceLinkTemplate must be an https:// URL, e.g. https://tracing.example.com/trace/{traceId}; only {traceId} and {spanId} may appear in braces");
