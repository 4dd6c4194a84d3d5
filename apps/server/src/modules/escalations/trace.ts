import { parseTraceparent, traceLink } from "@countersign/shared/tracing";

export type EscalationTrace = { traceparent: string; traceId: string; link: string | null };

/**
 * The AI system's trace of an escalation, for the review screen and the auditor's timeline: the
 * traceparent it sent and, when the system has a link template, where that trace opens.
 */
export function traceOf(traceparent: string | null, linkTemplate: string | null): EscalationTrace | null {
  const ids = traceparent ? parseTraceparent(traceparent) : null;
  if (!traceparent || !ids) return null;
  return { traceparent, traceId: ids.traceId, link: linkTemplate ? traceLink(linkTemplate, traceparent) : null };
}
