import { formatCount } from "@countersign/shared/format";
import { memo, useDeferredValue, useMemo, useState } from "react";
import { isJsonObject, payloadExceeds, payloadText } from "../lib/payload";
import { JsonTree } from "./json-tree";
import { CopyButton } from "./ui/copy-button";
import { UntrustedText } from "./untrusted-text";

/** Above this many characters a payload is too long to read at a glance: JSON becomes a tree, text a preview. */
const largePayloadChars = 8_000;

/**
 * Renders text an AI system sent. Always as text (React escapes it), never as HTML:
 * JSON objects pretty-printed, anything else in a wrapping pre. A large JSON value is a collapsed,
 * searchable tree and a long text shows its beginning until asked, so a megabyte opens at once;
 * either can be copied whole, exactly as the screen would show it.
 * A large payload is drawn just after the rest of the screen (a deferred render, which typing
 * interrupts), so the review's form takes input before it.
 * Memoised: the screens around it re-render every second for their clocks, the payload never changes.
 */
export const PayloadView = memo(function PayloadView({ payload, label }: { payload: unknown; label: string }) {
  const large = useMemo(() => payloadExceeds(payload, largePayloadChars), [payload]);
  const drawn = useDeferredValue(payload, large ? null : undefined);
  if (large && drawn === null) {
    return (
      <p className="muted" role="status">
        {label}: opening…
      </p>
    );
  }
  if (large && typeof payload === "object" && payload !== null) return <JsonTree value={payload as Record<string, unknown>} label={label} />;
  return <PayloadText payload={payload} label={label} />;
});

function PayloadText({ payload, label }: { payload: unknown; label: string }) {
  const text = useMemo(() => payloadText(payload), [payload]);
  const [full, setFull] = useState(false);
  const json = isJsonObject(payload);
  const preview = !full && text.length > largePayloadChars;
  return (
    <>
      <pre className={json ? "payload payload-json" : "payload payload-text"} aria-label={label} tabIndex={0}>
        <UntrustedText text={preview ? text.slice(0, largePayloadChars) : text} />
        {preview ? "…" : null}
      </pre>
      {text.length > largePayloadChars ? (
        <div className="row-gap">
          {preview ? (
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setFull(true)}>
              Show all {formatCount(text.length)} characters
            </button>
          ) : null}
          <CopyButton text={text} label={`Copy ${label}`} />
        </div>
      ) : null}
    </>
  );
}

/** An evidence or source URL: a link for http(s), plain text for anything else. */
export function SafeLink({ url }: { url: string }) {
  let safe: boolean;
  try {
    const parsed = new URL(url);
    safe = parsed.protocol === "https:" || parsed.protocol === "http:";
  } catch {
    safe = false;
  }
  if (!safe)
    return (
      <code className="url-text">
        <UntrustedText text={url} />
      </code>
    );
  return (
    <a href={url} target="_blank" rel="noopener noreferrer nofollow" className="url-link">
      <UntrustedText text={url} />
    </a>
  );
}
