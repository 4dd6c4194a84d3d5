/**
 * Bidirectional control characters in untrusted text can make a reviewer read something other
 * than what was sent ("refund 100" shown as "001 dnufer", or a reason that reads backwards). The
 * displays show each one as a visible marker in its place instead, and isolate the text around
 * it; the stored text is never changed.
 */
export const bidiControls = {
  "\u202A": { abbr: "LRE", name: "left-to-right embedding" },
  "\u202B": { abbr: "RLE", name: "right-to-left embedding" },
  "\u202C": { abbr: "PDF", name: "pop directional formatting" },
  "\u202D": { abbr: "LRO", name: "left-to-right override" },
  "\u202E": { abbr: "RLO", name: "right-to-left override" },
  "\u2066": { abbr: "LRI", name: "left-to-right isolate" },
  "\u2067": { abbr: "RLI", name: "right-to-left isolate" },
  "\u2068": { abbr: "FSI", name: "first strong isolate" },
  "\u2069": { abbr: "PDI", name: "pop directional isolate" },
  "\u200E": { abbr: "LRM", name: "left-to-right mark" },
  "\u200F": { abbr: "RLM", name: "right-to-left mark" },
  "\u061C": { abbr: "ALM", name: "Arabic letter mark" },
} as const;

const bidiControlPattern = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

export type BidiSegment =
  | { kind: "text"; text: string }
  /** One control character: `label` says what it is and where it sits in the text, for screen readers. */
  | { kind: "control"; char: string; abbr: string; label: string };

export function hasBidiControls(text: string): boolean {
  return bidiControlPattern.test(text);
}

/** The text cut at each bidirectional control, each control described. */
export function bidiSegments(text: string): BidiSegment[] {
  const segments: BidiSegment[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const control = bidiControls[text[i] as keyof typeof bidiControls];
    if (!control) continue;
    if (i > start) segments.push({ kind: "text", text: text.slice(start, i) });
    const code = text.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0");
    segments.push({ kind: "control", char: text[i]!, abbr: control.abbr, label: `hidden direction control: ${control.name} (U+${code})` });
    start = i + 1;
  }
  if (start < text.length) segments.push({ kind: "text", text: text.slice(start) });
  return segments;
}

/** The text with each control replaced by its visible marker, for places that take only a string (a tooltip). */
export function bidiMarked(text: string): string {
  if (!hasBidiControls(text)) return text;
  return bidiSegments(text)
    .map((s) => (s.kind === "text" ? s.text : `⟨${s.abbr}⟩`))
    .join("");
}
