/** Words, lower-cased, punctuation dropped: "Refund OK, photo shows damage." → [refund, ok, photo, shows, damage]. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A text's word shingles, to compare one text against many without re-reading it each time. */
export function shingles(text: string, size = 3): Set<string> {
  const list = words(text);
  if (list.length < size) return new Set(list.length ? [list.join(" ")] : []);
  const out = new Set<string>();
  for (let i = 0; i + size <= list.length; i++) out.add(list.slice(i, i + size).join(" "));
  return out;
}

/**
 * Word-shingle Jaccard similarity (0..1) of two texts: 1 for the same words in the same order,
 * still high after small edits, low for genuinely different analyses.
 */
export function rationaleSimilarity(a: string | Set<string>, b: string | Set<string>, size = 3): number {
  const left = typeof a === "string" ? shingles(a, size) : a;
  const right = typeof b === "string" ? shingles(b, size) : b;
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const s of left) if (right.has(s)) shared++;
  return shared / (left.size + right.size - shared);
}
