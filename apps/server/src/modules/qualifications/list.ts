import { and, desc, eq, type SQL } from "drizzle-orm";
import type { QualificationStatus } from "@countersign/shared/qualifications";
import type { Db } from "../../db/client";
import { qualifications } from "../../db/schema/qualifications";
import { aiSystems } from "../../db/schema/systems";
import { users } from "../../db/schema/users";
import { userNames } from "../users/queries";

export type QualificationFilter = { systemId?: string | undefined; userId?: string | undefined; includeInactive?: boolean | undefined };

export function qualificationStatus(q: { obtainedAt: number; expiresAt: number; revokedAt: number | null }, now: number): QualificationStatus {
  if (q.revokedAt !== null) return "revoked";
  if (q.obtainedAt > now) return "not_yet_valid";
  if (q.expiresAt <= now) return "expired";
  return "in_force";
}

/** Qualifications with the reviewer's and the system's names, newest grant first. */
export async function listQualifications(db: Db, now: number, filter: QualificationFilter = {}) {
  const conditions: SQL[] = [];
  if (filter.systemId) conditions.push(eq(qualifications.systemId, filter.systemId));
  if (filter.userId) conditions.push(eq(qualifications.userId, filter.userId));
  const rows = await db
    .select({
      id: qualifications.id,
      userId: qualifications.userId,
      userName: users.name,
      userEmail: users.email,
      systemId: qualifications.systemId,
      systemSlug: aiSystems.slug,
      systemName: aiSystems.name,
      training: qualifications.training,
      obtainedAt: qualifications.obtainedAt,
      expiresAt: qualifications.expiresAt,
      authority: qualifications.authority,
      grantedBy: qualifications.grantedBy,
      grantedAt: qualifications.grantedAt,
      revokedAt: qualifications.revokedAt,
      revokedBy: qualifications.revokedBy,
      revokeReason: qualifications.revokeReason,
    })
    .from(qualifications)
    .innerJoin(users, eq(users.id, qualifications.userId))
    .innerJoin(aiSystems, eq(aiSystems.id, qualifications.systemId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(qualifications.grantedAt))
    .all();
  const names = await userNames(db, [...new Set(rows.flatMap((r) => [r.grantedBy, r.revokedBy]).filter((id): id is string => !!id))]);
  return rows
    .map((row) => ({
      ...row,
      status: qualificationStatus(row, now),
      grantedByName: row.grantedBy ? (names.get(row.grantedBy) ?? row.grantedBy) : null,
      revokedByName: row.revokedBy ? (names.get(row.revokedBy) ?? row.revokedBy) : null,
    }))
    .filter((row) => filter.includeInactive || row.status === "in_force");
}
