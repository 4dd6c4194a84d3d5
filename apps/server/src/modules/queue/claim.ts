import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { dialectOf, type Dialect, type Engine } from "../../db/dialect";
import { engineOf } from "../../db/transaction";
import { statement } from "../../lib/prepared";
import { write } from "../../lib/tx";
import { claimLease, escalationState, expiredLeases, expireLeases, type Claim, type ExpiredLease } from "../escalations/lifecycle";
import { reviewableSystemIds, whyNotQualified } from "../qualifications/in-force";
import { goldSeenBy, nextCandidate, reviewableSystem, reviewableSystemsText, type ReviewableSystem } from "./candidates";
import { heldLease } from "./leases";

/** A gold copy the viewer has already decided would give itself away by its déjà vu. */
export const notSeenGold = (reviewerId: string) => sql`
  AND (escalations.gold_item_id IS NULL OR escalations.gold_item_id NOT IN ${goldSeenBy(reviewerId)})`;

/**
 * Who may take an item, checked inside the claiming statement itself: a qualification in force
 * for its system (EU AI Act Art. 26(2)); not awaiting a lead's resolution; and, for the
 * two-person rule, not already verified by this reviewer. Gold copies seen before are skipped.
 */
const claimableBy = (d: Dialect, reviewerId: string, now: number) => sql`
  AND escalations.received_at <= ${now}
  AND escalations.disputed_at IS NULL
  AND escalations.system_id IN ${reviewableSystemIds(d, reviewerId, now)}
  AND NOT EXISTS (SELECT 1 FROM verifications v WHERE v.escalation_id = escalations.id AND v.reviewer_id = ${reviewerId})
  ${notSeenGold(reviewerId)}`;

/**
 * A claim's first look, in one statement (on PostgreSQL, one round trip for three): the leases that
 * ran out, for expireLeases to free (on PostgreSQL locked, as it reads them alone); the lease the
 * reviewer still holds, which they get back; and the systems they may claim from.
 */
const lookText = (engine: Engine) => `
  WITH expired AS (${expiredLeases[engine]})
  SELECT 'expired' AS kind, id, holder, "claimedAt", "activeMs", NULL AS "leaseExpiresAt", CAST(NULL AS double precision) AS "goldRate" FROM expired
  UNION ALL
  SELECT * FROM (
    SELECT 'held', id, lease_holder_id, claimed_at, active_ms, lease_expires_at, CAST(NULL AS double precision) FROM escalations
     WHERE status = 'in_review' AND lease_holder_id = :reviewerId AND lease_expires_at > :now
     ORDER BY claimed_at LIMIT 1) held
  UNION ALL
  SELECT 'system', id, NULL, NULL, NULL, NULL, "goldRate" FROM (${reviewableSystemsText(engine)}) systems`;
const firstLook = { sqlite: lookText("sqlite"), postgres: lookText("postgres") };
type Looked = ExpiredLease & { kind: "expired" | "held" | "system"; leaseExpiresAt: number; goldRate: number };

/** Each lost race is an item another reviewer took: a claim looks again at most this often. */
const maxAttempts = 20;

/**
 * Claims the most urgent, oldest queued item the reviewer may take. The IMMEDIATE transaction holds
 * the database's write lock from its first statement, so choosing the item and taking its lease
 * cannot interleave with another claim: two reviewers — or two processes — never get the same item.
 * A reviewer who already holds a lease gets it back.
 */
export async function claimNext(deps: Deps, reviewerId: string, systemSlug?: string): Promise<Claim | null> {
  const now = deps.now();
  return write(deps.db, async (tx) => {
    const looked = await statement(tx, firstLook[engineOf(tx)]).all<Looked>({ reviewerId, now });
    await expireLeases(tx, now, looked.filter((row) => row.kind === "expired"));
    const held = looked.find((row) => row.kind === "held");
    if (held) return { escalationId: held.id, claimedAt: held.claimedAt, leaseExpiresAt: held.leaseExpiresAt };
    const systems: ReviewableSystem[] = systemSlug
      ? await reviewableSystem(tx, reviewerId, now, systemSlug)
      : looked.filter((row) => row.kind === "system").map((row) => ({ id: row.id, goldRate: row.goldRate }));
    let claimed: Claim | undefined;
    for (let attempt = 0; attempt < maxAttempts && !claimed; attempt++) {
      const candidate = systems.length > 0 ? await nextCandidate(tx, reviewerId, systems, now) : null;
      if (!candidate) break;
      // On SQLite the write lock is held since the transaction began, so the candidate is still
      // queued. On PostgreSQL another claim may take it first: the claim's guard then finds it no
      // longer queued, and the next probe sees that claim committed.
      claimed = await claimLease(tx, reviewerId, now, candidate);
    }
    if (!claimed) {
      await assertQualifiedForSome(tx, reviewerId, now, systemSlug);
      return null;
    }
    return claimed;
  });
}

/** Claims one chosen item, if it is still queued. */
export async function claimEscalation(deps: Deps, reviewerId: string, escalationId: string): Promise<Claim> {
  const now = deps.now();
  return write(deps.db, async (tx) => {
    await expireLeases(tx, now);
    const claimed = await claimLease(tx, reviewerId, now, escalationId, claimableBy(dialectOf(tx), reviewerId, now));
    if (claimed) return claimed;
    const lease = await heldLease(tx, escalationId);
    if (!lease) throw new AppError("NOT_FOUND", "no such escalation", [{ path: "escalationId", message: "unknown id" }]);
    if (lease.status === "in_review" && lease.holder === reviewerId) {
      return { escalationId, claimedAt: lease.claimedAt!, leaseExpiresAt: lease.leaseExpiresAt! };
    }
    if (lease.status === "queued") await refuseQueuedClaim(tx, reviewerId, escalationId, now);
    const state = escalationState(lease, now);
    const refusal = {
      decided: ["this escalation has already been decided", "already decided"],
      expired: ["this escalation has expired: its dueAt passed before anyone decided it", "expired"],
      purged: ["this escalation's content was purged after its retention period", "purged"],
    }[state as string] ?? ["another reviewer holds this escalation", "claimed by someone else"];
    throw new AppError("CONFLICT", refusal[0]!, [{ path: "escalationId", message: refusal[1]! }]);
  });
}

/** claimNext found nothing: say so plainly when the reason is that the reviewer may review nothing. */
async function assertQualifiedForSome(tx: Tx, reviewerId: string, now: number, systemSlug?: string) {
  const bySlug = systemSlug ? sql`AND s.slug = ${systemSlug}` : sql``;
  const reviewable = (await tx.get<{ n: number }>(sql`
    SELECT count(*) AS n FROM ai_systems s WHERE s.id IN ${reviewableSystemIds(dialectOf(tx), reviewerId, now)} ${bySlug}`))!.n;
  if (reviewable > 0) return;
  const system = systemSlug ? await tx.get<{ id: string } | undefined>(sql`SELECT id FROM ai_systems WHERE slug = ${systemSlug}`) : undefined;
  const why = system
    ? await whyNotQualified(tx, reviewerId, system.id, now)
    : "you hold no qualification in force for any AI system; an admin records your training and authority first";
  throw new AppError("FORBIDDEN", `you cannot claim: ${why}`, [{ path: "system", message: "no qualification in force" }]);
}

/** A queued item the claim did not take: name the rule that refused it. */
async function refuseQueuedClaim(tx: Tx, reviewerId: string, escalationId: string, now: number): Promise<void> {
  const row = (await tx.get<{ systemId: string; receivedAt: number; disputedAt: number | null; verifiedByMe: number }>(sql`
    SELECT system_id AS systemId, received_at AS receivedAt, disputed_at AS disputedAt,
           EXISTS (SELECT 1 FROM verifications v WHERE v.escalation_id = ${escalationId} AND v.reviewer_id = ${reviewerId}) AS verifiedByMe
      FROM escalations WHERE id = ${escalationId}`))!;
  // A gold copy before its drawn arrival time does not exist yet, for anyone.
  if (row.receivedAt > now) throw new AppError("NOT_FOUND", "no such escalation", [{ path: "escalationId", message: "unknown id" }]);
  const qualified = (await tx.get<{ n: number }>(sql`
    SELECT count(*) AS n FROM ai_systems s WHERE s.id = ${row.systemId} AND s.id IN ${reviewableSystemIds(dialectOf(tx), reviewerId, now)}`))!.n;
  if (!qualified) {
    throw new AppError("FORBIDDEN", `you cannot claim this escalation: ${await whyNotQualified(tx, reviewerId, row.systemId, now)}`, [
      { path: "escalationId", message: "no qualification in force for its AI system" },
    ]);
  }
  if (row.disputedAt !== null) {
    throw new AppError("CONFLICT", "this escalation's verifications disagree; it waits for a lead's resolution", [
      { path: "escalationId", message: "awaiting a lead's resolution" },
    ]);
  }
  if (row.verifiedByMe) {
    throw new AppError("CONFLICT", "you have already verified this escalation; the two-person rule needs a different reviewer", [
      { path: "escalationId", message: "already verified by you" },
    ]);
  }
}
