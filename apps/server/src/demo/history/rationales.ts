import type { Outcome } from "@countersign/shared/enums";
import type { Rng } from "./random";
import type { Scenario, SystemKey } from "./scenario";

/**
 * What reviewers write. A careful reviewer's rationale is about its own item: the facts they
 * checked and why the outcome follows, so it rarely resembles their earlier ones. A reviewer who
 * rubber-stamps reuses one sentence with small edits — close enough to be counted as a
 * duplicate by the dashboard, not so close that the server refuses it.
 */

const fallback: Record<Outcome, string> = {
  approved: "The proposal holds up against the policy and what the customer sent; approved as proposed.",
  modified: "The proposal needs a correction; changed as set out in the corrected output.",
  rejected: "The proposal does not hold up against the record; rejected.",
  escalated: "This is beyond what I can decide here; escalated to the specialist team.",
};

const closers: Record<SystemKey, string[]> = {
  refund: [
    "Read the customer's own message, not only the summary.",
    "History and fraud signals are clean.",
    "Checked against the current policy text.",
    "Evidence opened and consistent with the summary.",
    "Noted on the ticket for the next agent.",
    "No other open tickets for this customer.",
    "The amounts add up.",
    "Checked the dates myself.",
  ],
  kyc: [
    "Looked at the images myself, not only the extracted fields.",
    "Compared with the PRADO entry.",
    "Screening notes updated on the case.",
    "Nothing else on the case that needs a second look.",
    "Dates checked against the application.",
  ],
};

// The server's measure (word 3-shingle Jaccard, @countersign/shared/similarity), with each
// rationale's shingles kept, since a reviewer's recent ones are compared again and again.
const shingleCache = new Map<string, Set<string>>();
function shinglesOf(text: string): Set<string> {
  let set = shingleCache.get(text);
  if (set) return set;
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  set = new Set(words.length < 3 ? (words.length ? [words.join(" ")] : []) : words.slice(2).map((_, i) => words.slice(i, i + 3).join(" ")));
  if (shingleCache.size > 5000) shingleCache.clear();
  shingleCache.set(text, set);
  return set;
}

/** Highest similarity of a text to any of the reviewer's recent rationales (as the server measures it). */
export function highestSimilarity(text: string, recent: readonly string[]): number {
  const mine = shinglesOf(text);
  let best = 0;
  for (const previous of recent) {
    const theirs = shinglesOf(previous);
    if (mine.size === 0 || theirs.size === 0) continue;
    let shared = 0;
    for (const s of mine) if (theirs.has(s)) shared++;
    best = Math.max(best, shared / (mine.size + theirs.size - shared));
  }
  return best;
}

/**
 * A careful reviewer's rationale: one or two facts, why the outcome, sometimes a closing note.
 * Kept clear of the server's near-duplicate rule (against the reviewer's recent rationales and the
 * AI output): when an item reads like one decided before, the rationale names the case.
 */
export function carefulRationale(rng: Rng, system: SystemKey, externalId: string, scenario: Scenario, outcome: Outcome, recent: readonly string[]): string {
  const why = scenario.why[outcome] ?? [fallback[outcome]];
  const output = typeof scenario.body.aiOutput === "string" ? scenario.body.aiOutput : JSON.stringify(scenario.body.aiOutput, null, 2);
  const against = [...recent, output];
  let best = { text: "", score: 2 };
  for (let attempt = 0; attempt < 6; attempt++) {
    const facts = rng.sample(scenario.facts, rng.int(1, Math.min(2, scenario.facts.length)));
    const parts = [...facts, rng.pick(why)];
    if (rng.chance(0.35)) parts.push(rng.pick(closers[system]));
    const text = (rng.chance(0.3) ? [parts.at(-1)!, ...parts.slice(0, -1)] : parts).join(" ");
    const score = highestSimilarity(text, against);
    if (score < 0.5) return text;
    if (score < best.score) best = { text, score };
  }
  if (best.score < 0.8) return best.text;
  const named = `Case ${externalId}: ${best.text} (${externalId})`;
  return highestSimilarity(named, against) < 0.85 ? named : `Case ${externalId}, ${isoMinute(rng)}: ${scenario.facts.join(" ")} ${why.join(" ")}`;
}

/** A varying reference when everything else repeats: "checked at 14:32". */
const isoMinute = (rng: Rng) => `checked at ${String(rng.int(0, 23)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}`;

const stampBase =
  "checked the order details and the customer message against the refund policy, amount and payment method match and there are no abuse signals, so the refund is approved as it stands.";
const swaps: [string, string][] = [
  ["checked", "reviewed"],
  ["order details", "order data"],
  ["as it stands", "as proposed"],
  ["no abuse signals", "no fraud signals"],
  ["customer message", "customer's message"],
];

/**
 * The rubber-stamper's rationale: the item's id and a stock sentence. Picks a variant that the
 * dashboard counts as a near-duplicate (≥ 0.6) and the server still accepts (< 0.9).
 */
export function stampRationale(rng: Rng, externalId: string, recent: readonly string[]): string {
  let best = { text: "", score: -1 };
  for (let attempt = 0; attempt < 16; attempt++) {
    let text = `${externalId}: ${stampBase}`;
    for (const [from, to] of swaps) if (rng.chance(0.25)) text = text.replace(from, to);
    const score = highestSimilarity(text, recent);
    if (score >= 0.6 && score < 0.86) return text;
    if (score < 0.86 && score > best.score) best = { text, score };
  }
  return best.text || `${externalId}: approved, within policy, nothing unusual on the account.`;
}

/** Judgement first: the reviewer's own one-line verdict, before the AI output is revealed. */
export function judgementReason(scenario: Scenario, verdict: "approve" | "reject"): string {
  if (scenario.judge) return scenario.judge;
  return verdict === "approve" ? "The document and the screening support going ahead as summarised." : "Something in the document or screening does not add up; not as summarised.";
}

/** A lead's resolution of two verifications that disagreed. */
export function resolutionRationale(outcome: Outcome, scenario: Scenario): string {
  const why = scenario.why[outcome]?.[0] ?? fallback[outcome];
  return `Read both verifications and the evidence again. ${why} Discussed with both reviewers; the case notes explain the difference for the next similar item.`;
}
