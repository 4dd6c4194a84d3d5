import type { ReviewPolicy } from "@countersign/shared/policy";
import { sha256 } from "../../lib/hash";

export type AttentionCheck = { question: string; options: string[]; correctIndex: number };

/** A number in 0..1 fixed by the claim, so the same claim always gets the same answer. */
function draw(seed: string, salt: string): number {
  return parseInt(sha256(`${seed}:${salt}`).slice(0, 8), 16) / 0x1_0000_0000;
}

export function attentionSeed(escalationId: string, reviewerId: string, claimedAt: number) {
  return `${escalationId}:${reviewerId}:${claimedAt}`;
}

/** Whether this claim samples an attention check (policy rate), decided without storing anything. */
export function attentionCheckAsked(policy: ReviewPolicy, seed: string): boolean {
  return policy.attentionCheckRate > 0 && draw(seed, "sample") < policy.attentionCheckRate;
}

const tokenPattern = /\d+(?:[.,]\d+)?|[\p{L}][\p{L}-]{4,}/gu;
const fallbackDecoys = ["approved", "pending", "Lisbon", "2019-04-01", "invoice", "73.10", "Hamburg", "premium"];

/**
 * "Which of these values appears in the AI output?": one value taken from the output and three
 * that do not appear in it, preferring values from the input so a guess from context fails.
 */
export function buildAttentionCheck(seed: string, aiOutputText: string, otherText: string): AttentionCheck | null {
  const inOutput = [...new Set(aiOutputText.match(tokenPattern) ?? [])];
  if (inOutput.length === 0) return null;
  const lowerOutput = aiOutputText.toLowerCase();
  const answer = inOutput[Math.floor(draw(seed, "answer") * inOutput.length)]!;
  const candidates = [...new Set([...(otherText.match(tokenPattern) ?? []), ...numericDecoys(answer), ...fallbackDecoys])].filter(
    (value) => !lowerOutput.includes(value.toLowerCase()),
  );
  const decoys: string[] = [];
  for (let i = 0; decoys.length < 3 && i < candidates.length * 2; i++) {
    const pick = candidates[Math.floor(draw(seed, `decoy-${i}`) * candidates.length)]!;
    if (!decoys.includes(pick)) decoys.push(pick);
  }
  for (const extra of candidates) if (decoys.length < 3 && !decoys.includes(extra)) decoys.push(extra);
  if (decoys.length < 3) return null;
  const correctIndex = Math.floor(draw(seed, "position") * 4);
  const options = [...decoys];
  options.splice(correctIndex, 0, answer);
  return { question: "Which of these values appears in the AI output?", options, correctIndex };
}

function numericDecoys(value: string): string[] {
  const number = Number(value.replace(",", "."));
  if (!Number.isFinite(number) || !/\d/.test(value)) return [];
  const decimals = value.split(/[.,]/)[1]?.length ?? 0;
  return [0.5, 1.5, 2, 0.9].map((factor) => (number * factor + (number === 0 ? factor * 10 : 0)).toFixed(decimals));
}
