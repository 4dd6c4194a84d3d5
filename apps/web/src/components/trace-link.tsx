type Trace = { traceparent: string; traceId: string; link: string | null };

/**
 * The AI system's trace of an escalation (from the W3C traceparent it sent): a link when the
 * system has a trace link template, otherwise the trace id to look up by hand. The link leaves
 * the workbench, so it opens apart from it (noopener noreferrer) and only as https.
 */
export function TraceLink({ trace }: { trace: Trace | null }) {
  if (!trace) return null;
  const href = trace.link && /^https:\/\//.test(trace.link) ? trace.link : null;
  return (
    <p className="trace-link">
      <span className="muted">AI system's trace: </span>
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer" className="mono" title={trace.traceparent}>
          {trace.traceId} ↗
        </a>
      ) : (
        <code className="mono" title={trace.traceparent}>
          {trace.traceId}
        </code>
      )}
    </p>
  );
}
