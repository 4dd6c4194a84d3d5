import { sql } from "drizzle-orm";
import type { Authority } from "@countersign/shared/qualifications";
import type { Db, Tx } from "../../db/client";
import { dialectFor, type Dialect } from "../../db/dialect";
import { engineOf } from "../../db/transaction";
import { sqlOf, statement, type Bound } from "../../lib/prepared";

export type QualificationInForce = { id: string; training: string; obtainedAt: number; expiresAt: number; authority: Authority[] };

/**
 * The ids of the AI systems a reviewer may review now: a qualification that is not revoked, has
 * started, has not expired and grants `review`. A fragment for the claiming statement, so the
 * check and the claim are one atomic step.
 */
export const reviewableSystemIds = (d: Dialect, reviewerId: Bound<string>, now: Bound<number>) =>
  sqlOf(reviewableSystemIdsText(d), { reviewerId, now });

/** The same as SQL text for statement(), the reviewer and the instant named :reviewerId and :now. */
export const reviewableSystemIdsText = (d: Dialect) => `
  (SELECT q.system_id FROM qualifications q
    WHERE q.user_id = :reviewerId AND q.revoked_at IS NULL
      AND q.obtained_at <= :now AND q.expires_at > :now
      AND ${d.jsonArrayHas("q.authority", "'review'")})`;

// Every decision checks it: prepared once per database.
const inForce = (d: Dialect) => `
  SELECT q.id, q.training, q.obtained_at AS obtainedAt, q.expires_at AS expiresAt, q.authority
    FROM qualifications q
   WHERE q.user_id = :reviewerId AND q.system_id = :systemId AND q.revoked_at IS NULL
     AND q.obtained_at <= :now AND q.expires_at > :now
     AND ${d.jsonArrayHas("q.authority", ":authority")}
   ORDER BY q.expires_at DESC LIMIT 1`;
const inForceSql = { sqlite: inForce(dialectFor("sqlite")), postgres: inForce(dialectFor("postgres")) };

/**
 * The qualification a reviewer works under for one system now (the one lasting longest) that
 * grants `authority` (review unless asked: override to resolve a dispute, stop to halt), or null.
 */
export async function qualificationInForce(
  db: Db | Tx,
  reviewerId: string,
  systemId: string,
  now: number,
  authority: Authority = "review",
): Promise<QualificationInForce | null> {
  const row = await statement(db, inForceSql[engineOf(db)]).get({ reviewerId, systemId, now, authority }) as
    | { id: string; training: string; obtainedAt: number; expiresAt: number; authority: string }
    | undefined;
  return row ? { ...row, authority: JSON.parse(row.authority) as Authority[] } : null;
}

/** Why a reviewer holds no qualification in force for a system: for an error message that helps. */
export async function whyNotQualified(db: Db | Tx, reviewerId: string, systemId: string, now: number, authority: Authority = "review"): Promise<string> {
  const latest = await db.get<{ expiresAt: number; obtainedAt: number; revokedAt: number | null; authority: string } | undefined>(sql`
    SELECT expires_at AS expiresAt, obtained_at AS obtainedAt, revoked_at AS revokedAt, authority
      FROM qualifications WHERE user_id = ${reviewerId} AND system_id = ${systemId}
     ORDER BY expires_at DESC LIMIT 1`);
  if (!latest) return "you hold no qualification for this AI system; an admin records your training and authority first";
  if (latest.revokedAt !== null) return "your qualification for this AI system was revoked";
  if (latest.obtainedAt > now) return `your qualification for this AI system is valid only from ${new Date(latest.obtainedAt).toISOString()}`;
  if (latest.expiresAt <= now) return `your qualification for this AI system expired at ${new Date(latest.expiresAt).toISOString()}; it must be renewed`;
  return `your qualification for this AI system does not grant the ${authority} authority (it grants ${(JSON.parse(latest.authority) as Authority[]).join(", ")})`;
}
