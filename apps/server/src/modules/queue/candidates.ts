import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { reviewableSystemIds } from "../qualifications/in-force";

type Candidate = { id: string; rank: number; receivedAt: number };
type ReviewableSystem = { id: string; goldRate: number };

/**
 * The systems a reviewer may claim from now (a qualification in force, Art. 26(2)), with each
 * one's gold rate: the outer loop of the claim, a handful of rows per reviewer.
 */
export function reviewableSystems(tx: Tx, reviewerId: string, now: number, systemSlug?: string): ReviewableSystem[] {
  const bySlug = systemSlug ? sql`AND s.slug = ${systemSlug}` : sql``;
  return tx.all<ReviewableSystem>(sql`
    SELECT s.id, coalesce(json_extract(s.policy, '$.goldRate'), 0) AS goldRate
      FROM ai_systems s WHERE s.id IN ${reviewableSystemIds(reviewerId, now)} ${bySlug}`);
}

/**
 * The most urgent, oldest real item of one system this reviewer may take: a walk down the partial
 * index escalations_claim_real_idx that stops at the first row not already verified by them (the
 * two-person rule), so its cost does not grow with the queue.
 */
function realCandidate(tx: Tx, reviewerId: string, systemId: string, now: number) {
  return tx.get<Candidate | undefined>(sql`
    SELECT id, priority_rank AS rank, received_at AS receivedAt FROM escalations
     WHERE status = 'queued' AND gold_item_id IS NULL AND disputed_at IS NULL AND system_id = ${systemId}
       AND received_at <= ${now}
       AND NOT EXISTS (SELECT 1 FROM verifications v WHERE v.escalation_id = escalations.id AND v.reviewer_id = ${reviewerId})
     ORDER BY priority_rank DESC, received_at ASC LIMIT 1`);
}

/** Gold items this reviewer has decided before: a reviewer is never served the same gold twice. */
export const goldSeenBy = (reviewerId: string) => sql`
  (SELECT e.gold_item_id FROM verifications v JOIN escalations e ON e.id = v.escalation_id
    WHERE v.reviewer_id = ${reviewerId} AND v.gold_caught IS NOT NULL)`;

/**
 * A gold copy of one system this reviewer has not seen, once its drawn arrival time has come; gold
 * copies are few, on their own partial index.
 */
function goldCandidate(tx: Tx, reviewerId: string, systemId: string, now: number) {
  return tx.get<Candidate | undefined>(sql`
    SELECT id, priority_rank AS rank, received_at AS receivedAt FROM escalations
     WHERE status = 'queued' AND gold_item_id IS NOT NULL AND disputed_at IS NULL AND system_id = ${systemId}
       AND received_at <= ${now}
       AND gold_item_id NOT IN ${goldSeenBy(reviewerId)}
       AND NOT EXISTS (SELECT 1 FROM verifications v WHERE v.escalation_id = escalations.id AND v.reviewer_id = ${reviewerId})
     ORDER BY priority_rank DESC, received_at ASC LIMIT 1`);
}

const first = (candidates: (Candidate | undefined)[]) =>
  candidates
    .filter((c): c is Candidate => c !== undefined)
    .sort((a, b) => b.rank - a.rank || a.receivedAt - b.receivedAt)[0];

/**
 * Which item the next claim takes, from two indexed probes per reviewable system, chosen inside
 * the caller's IMMEDIATE transaction (so nobody else can take it in between). A gold copy takes its
 * place by priority and age like any escalation: served out of that order it would give itself
 * away. Its system's gold rate sets how often copies arrive (gold/serve.ts); at a rate of 0 a copy
 * comes only after every real item.
 */
export function nextCandidate(tx: Tx, reviewerId: string, systems: ReviewableSystem[], now: number): string | null {
  const gold = systems.map((s) => ({ rate: s.goldRate, candidate: goldCandidate(tx, reviewerId, s.id, now) }));
  const mixed = first([
    ...systems.map((s) => realCandidate(tx, reviewerId, s.id, now)),
    ...gold.filter((g) => g.rate > 0).map((g) => g.candidate),
  ]);
  return (mixed ?? first(gold.map((g) => g.candidate)))?.id ?? null;
}
