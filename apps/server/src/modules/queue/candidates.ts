import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { escalations } from "../../db/schema/escalations";
import { aiSystems } from "../../db/schema/systems";
import { dialectOf } from "../../db/dialect";
import { prepared, type Bound } from "../../lib/prepared";
import { reviewableSystemIds } from "../qualifications/in-force";
import { inOrder } from "../../lib/in-order";

type Candidate = { id: string; rank: number; receivedAt: number };
type ReviewableSystem = { id: string; goldRate: number };

// The claim's probes run on every claim: prepared once per database, with these placeholders.
const bound = { reviewerId: sql.placeholder("reviewerId"), systemId: sql.placeholder("systemId"), now: sql.placeholder("now") };
const candidate = { id: escalations.id, rank: escalations.priorityRank, receivedAt: escalations.receivedAt };

const reviewableSystemsOf = (db: Db | Tx, by: { reviewerId: Bound<string>; now: Bound<number> }, bySlug = sql``) =>
  db
    .select({ id: aiSystems.id, goldRate: sql<number>`coalesce(${sql.raw(dialectOf(db).jsonNumber("ai_systems.policy", "goldRate"))}, 0)` })
    .from(aiSystems)
    .where(sql`${aiSystems.id} IN ${reviewableSystemIds(dialectOf(db), by.reviewerId, by.now)} ${bySlug}`);
const anyReviewableSystem = (db: Db | Tx) => reviewableSystemsOf(db, bound).prepare();

/**
 * The systems a reviewer may claim from now (a qualification in force, Art. 26(2)), with each
 * one's gold rate: the outer loop of the claim, a handful of rows per reviewer.
 */
export async function reviewableSystems(tx: Tx, reviewerId: string, now: number, systemSlug?: string): Promise<ReviewableSystem[]> {
  if (systemSlug) return reviewableSystemsOf(tx, { reviewerId, now }, sql`AND ${aiSystems.slug} = ${systemSlug}`).all();
  return prepared(tx, anyReviewableSystem).all({ reviewerId, now });
}

/**
 * The most urgent, oldest real item of one system this reviewer may take: a walk down the partial
 * index escalations_claim_real_idx that stops at the first row not already verified by them (the
 * two-person rule), so its cost does not grow with the queue.
 */
const realCandidate = (db: Db | Tx) =>
  db
    .select(candidate)
    .from(escalations)
    .where(sql`status = 'queued' AND gold_item_id IS NULL AND disputed_at IS NULL AND system_id = ${bound.systemId}
       AND received_at <= ${bound.now}
       AND NOT EXISTS (SELECT 1 FROM verifications v WHERE v.escalation_id = escalations.id AND v.reviewer_id = ${bound.reviewerId})`)
    .orderBy(sql`priority_rank DESC, received_at ASC`)
    .limit(1)
    .prepare();

/** Gold items this reviewer has decided before: a reviewer is never served the same gold twice. */
export const goldSeenBy = (reviewerId: Bound<string>) => sql`
  (SELECT e.gold_item_id FROM verifications v JOIN escalations e ON e.id = v.escalation_id
    WHERE v.reviewer_id = ${reviewerId} AND v.gold_caught IS NOT NULL)`;

/**
 * A gold copy of one system this reviewer has not seen, once its drawn arrival time has come; gold
 * copies are few, on their own partial index.
 */
const goldCandidate = (db: Db | Tx) =>
  db
    .select(candidate)
    .from(escalations)
    .where(sql`status = 'queued' AND gold_item_id IS NOT NULL AND disputed_at IS NULL AND system_id = ${bound.systemId}
       AND received_at <= ${bound.now}
       AND gold_item_id NOT IN ${goldSeenBy(bound.reviewerId)}
       AND NOT EXISTS (SELECT 1 FROM verifications v WHERE v.escalation_id = escalations.id AND v.reviewer_id = ${bound.reviewerId})`)
    .orderBy(sql`priority_rank DESC, received_at ASC`)
    .limit(1)
    .prepare();

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
export async function nextCandidate(tx: Tx, reviewerId: string, systems: ReviewableSystem[], now: number): Promise<string | null> {
  const probe = (build: typeof realCandidate, systemId: string) => prepared(tx, build).get({ reviewerId, systemId, now });
  const gold = await inOrder(systems, async (s) => ({ rate: s.goldRate, candidate: await probe(goldCandidate, s.id) }));
  const real = await inOrder(systems, (s) => probe(realCandidate, s.id));
  const mixed = first([
    ...real,
    ...gold.filter((g) => g.rate > 0).map((g) => g.candidate),
  ]);
  return (mixed ?? first(gold.map((g) => g.candidate)))?.id ?? null;
}
