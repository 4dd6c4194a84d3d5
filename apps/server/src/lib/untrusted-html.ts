import { bidiSegments, hasBidiControls } from "@countersign/shared/bidi";

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Untrusted text as HTML element content: escaped, and, when it holds bidirectional controls,
 * isolated (<bdi>) with each control shown as a visible, labelled marker in its place, so the
 * text cannot reverse what an auditor reads. The server-side twin of the web's UntrustedText.
 * Not for attribute values or <title>: use bidiMarked there.
 */
export function untrustedHtml(value: unknown): string {
  const text = String(value ?? "");
  if (!hasBidiControls(text)) return escapeHtml(text);
  const parts = bidiSegments(text).map((segment) =>
    segment.kind === "text"
      ? escapeHtml(segment.text)
      : `<span class="bidi-control" dir="ltr" role="img" aria-label="${escapeHtml(segment.label)}" title="${escapeHtml(segment.label)}">⟨${segment.abbr}⟩</span>`,
  );
  return `<bdi>${parts.join("")}</bdi>`;
}

/** The marker's look, for pages that use untrustedHtml. */
export const bidiControlCss =
  ".bidi-control{unicode-bidi:isolate;display:inline-block;margin:0 .1em;padding:0 .25em;border:1px solid #a40000;border-radius:3px;background:#fde8e7;color:#a40000;font:600 .8em ui-monospace,monospace;white-space:nowrap}";
