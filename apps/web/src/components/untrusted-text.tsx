import { bidiSegments, hasBidiControls } from "@countersign/shared/bidi";

/**
 * Text an AI system or a person sent: always as text (React escapes it), isolated from the
 * direction of the page around it (<bdi>), and with every bidirectional control character shown
 * as a visible, labelled marker in its place, so a right-to-left override cannot make a reviewer
 * read something other than what was sent. The stored text is unchanged; only its display is.
 */
export function UntrustedText({ text }: { text: string }) {
  if (!hasBidiControls(text)) return <bdi className="untrusted-text">{text}</bdi>;
  return (
    <bdi className="untrusted-text has-bidi-controls">
      {bidiSegments(text).map((segment, index) =>
        segment.kind === "text" ? (
          <bdi key={index}>{segment.text}</bdi>
        ) : (
          <span key={index} className="bidi-control" dir="ltr" role="img" aria-label={segment.label} title={segment.label}>
            ⟨{segment.abbr}⟩
          </span>
        ),
      )}
    </bdi>
  );
}
