import { isJsonObject, payloadText } from "../lib/payload";
import { UntrustedText } from "./untrusted-text";

/**
 * Renders text an AI system sent. Always as text (React escapes it), never as HTML:
 * JSON objects pretty-printed, anything else in a wrapping pre.
 */
export function PayloadView({ payload, label }: { payload: unknown; label: string }) {
  const json = isJsonObject(payload);
  return (
    <pre className={json ? "payload payload-json" : "payload payload-text"} aria-label={label} tabIndex={0}>
      <UntrustedText text={payloadText(payload)} />
    </pre>
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
