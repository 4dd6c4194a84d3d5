/** Words, lower-cased, punctuation dropped: "Refund OK, photo shows damage." → [refund, ok, photo, shows, damage]. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function shingles(text: string, size: number): Set<string> {
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
export function rationaleSimilarity(a: string, b: string, size = 3): number {
  const left = shingles(a, size);
  const right = shingles(b, size);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const s of left) if (right.has(s)) shared++;
  return shared / (left.size + right.size - shared);
}
