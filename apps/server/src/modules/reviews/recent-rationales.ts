import { sql } from "drizzle-orm";
import { rationaleSimilarity, shingles } from "@countersign/shared/similarity";
import type { Db, Tx } from "../../db/client";
import { statement } from "../../lib/prepared";

const recentRationales = 50;
const reviewersKept = 2_000;

type Recent = { newestId: string; sets: Set<string>[] };

/**
 * Each reviewer's recent rationales as shingle sets, newest first. Kept in memory so a decision
 * does not re-read and re-tokenise 50 rationales; one indexed probe (the reviewer's newest
 * verification) tells whether the copy is still current, so another process's decisions, or a
 * rolled-back one, simply cause a reload.
 */
const caches = new WeakMap<Db, Map<string, Recent>>();

function cacheFor(db: Db) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

type Newest = { id: string; decidedAt: number };

function newestVerification(tx: Tx, reviewerId: string) {
  return statement(tx, `SELECT id, decided_at AS "decidedAt" FROM verifications WHERE reviewer_id = ? ORDER BY decided_at DESC, id DESC LIMIT 1`).get<Newest>(reviewerId);
}

async function recentShingles(db: Db, tx: Tx, reviewerId: string, newest: Newest | undefined): Promise<Set<string>[]> {
  if (!newest) return [];
  const cache = cacheFor(db);
  const cached = cache.get(reviewerId);
  if (cached?.newestId === newest.id) return cached.sets;
  const rows = await tx.all<{ rationale: string }>(sql`
    SELECT rationale FROM verifications WHERE reviewer_id = ${reviewerId}
     ORDER BY decided_at DESC, id DESC LIMIT ${recentRationales}`);
  const fresh = { newestId: newest.id, sets: rows.map((row) => shingles(row.rationale)) };
  remember(cache, reviewerId, fresh);
  return fresh.sets;
}

function remember(cache: Map<string, Recent>, reviewerId: string, recent: Recent) {
  cache.delete(reviewerId);
  cache.set(reviewerId, recent);
  if (cache.size > reviewersKept) cache.delete(cache.keys().next().value!);
}

/** How close the rationale is to the reviewer's own recent ones, or to the AI output. */
export async function highestSimilarity(db: Db, tx: Tx, reviewerId: string, rationale: string, aiOutput: string) {
  const mine = shingles(rationale);
  let best = { score: rationaleSimilarity(mine, aiOutput), against: "the AI output" };
  const newest = await newestVerification(tx, reviewerId);
  const before = await recentShingles(db, tx, reviewerId, newest);
  for (const previous of before) {
    const score = rationaleSimilarity(mine, previous);
    if (score > best.score) best = { score, against: "one of your recent rationales" };
  }
  return {
    ...best,
    /**
     * Call once this verification is stored, inside the same transaction. The copy holds this
     * rationale and the ones before it, keyed by the newest verification as the probe will see it
     * next time: this one, or the one newest before if that sorts later (a clock that stepped back;
     * the same millisecond, ordered by id). Should the database order two ids otherwise, the next
     * probe names the other one and the rationales are simply read again.
     */
    remember: (verification: Newest) => {
      const stillNewest = newest !== undefined && (newest.decidedAt > verification.decidedAt || (newest.decidedAt === verification.decidedAt && newest.id > verification.id));
      remember(cacheFor(db), reviewerId, { newestId: stillNewest ? newest.id : verification.id, sets: [mine, ...before].slice(0, recentRationales) });
    },
  };
}
