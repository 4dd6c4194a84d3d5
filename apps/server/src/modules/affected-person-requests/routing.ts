import { and, eq, isNull, sql } from "drizzle-orm";
import { answeringAuthorities, requestKindWords, type RequestKind } from "@countersign/shared/affected-person-requests";
import type { Db, Tx } from "../../db/client";
import { dialectOf } from "../../db/dialect";
import { affectedPersonRequests } from "../../db/schema/affected-person-requests";
import { escalations } from "../../db/schema/escalations";
import { users } from "../../db/schema/users";
import { AppError } from "../../lib/errors";
import { qualificationInForce, whyNotQualified } from "../qualifications/in-force";
import { systemById } from "../systems/queries";

/**
 * The decision a request is about: the AI system's own escalation with this externalId (never a
 * gold copy, which decides nothing about anyone), decided or expired.
 */
export async function decisionByExternalId(tx: Db | Tx, systemId: string, externalId: string) {
  const system = await systemById(tx, systemId);
  const row = await tx
    .select({ id: escalations.id, status: escalations.status })
    .from(escalations)
    .where(and(eq(escalations.systemId, systemId), eq(escalations.externalId, externalId), isNull(escalations.goldItemId)))
    .get();
  if (!row) {
    throw new AppError("NOT_FOUND", `no escalation of AI system "${system.slug}" has externalId "${externalId}"`, [
      { path: "externalId", message: `no escalation of ${system.slug} has this externalId: check it against the AI system's record of the decision` },
    ]);
  }
  if (row.status !== "decided" && row.status !== "expired") {
    throw new AppError("PRECONDITION_FAILED", `escalation ${row.id} is not decided yet: a request is about a decision`, [
      { path: "externalId", message: `the escalation with this externalId is still ${row.status.replace("_", " ")}` },
    ]);
  }
  return { escalationId: row.id, system };
}

/**
 * The qualification under which a person may answer a request of this kind about this system
 * now, or a FORBIDDEN error (naming `field`) that says why not: routing and answering both need it.
 */
export async function answeringQualification(tx: Db | Tx, userId: string, systemId: string, kind: RequestKind, now: number, field: string) {
  const user = await tx.select({ active: users.active }).from(users).where(eq(users.id, userId)).get();
  if (!user) throw new AppError("NOT_FOUND", "no such user", [{ path: field, message: "no user has this id" }]);
  if (!user.active) throw new AppError("BAD_REQUEST", "the user is deactivated", [{ path: field, message: "a deactivated user cannot answer requests" }]);
  for (const authority of answeringAuthorities[kind]) {
    const qualification = await qualificationInForce(tx, userId, systemId, now, authority);
    if (qualification) return qualification;
  }
  const needs = answeringAuthorities[kind].join(" or ");
  // For the person themself, the qualification's own state says what to do; for someone else, the rule does.
  const why = field === "requestId" ? `: ${await whyNotQualified(tx, userId, systemId, now, answeringAuthorities[kind].at(-1)!)}` : "";
  throw new AppError(
    "FORBIDDEN",
    `a request for ${requestKindWords[kind].label.toLowerCase()} is answered by a person holding a qualification in force for this AI system with the ${needs} authority${why}`,
    [{ path: field, message: `not qualified (${needs}) for this AI system now` }],
  );
}

/** People a request of this kind about this system may be routed to now: active, and qualified for it. */
export async function eligibleAssignees(db: Db, systemId: string, kind: RequestKind, now: number) {
  await systemById(db, systemId);
  const d = dialectOf(db);
  const holdsOne = answeringAuthorities[kind].map((a) => sql.raw(d.jsonArrayHas("q.authority", `'${a}'`)));
  return db.all<{ id: string; name: string }>(sql`
    SELECT DISTINCT u.id, u.name FROM users u JOIN qualifications q ON q.user_id = u.id
     WHERE u.active = TRUE AND q.system_id = ${systemId} AND q.revoked_at IS NULL AND q.obtained_at <= ${now} AND q.expires_at > ${now}
       AND (${sql.join(holdsOne, sql` OR `)})
     ORDER BY u.name`);
}

/** One request, or NOT_FOUND naming requestId. */
export async function requestById(tx: Db | Tx, requestId: string) {
  const row = await tx.select().from(affectedPersonRequests).where(eq(affectedPersonRequests.id, requestId)).get();
  if (!row) throw new AppError("NOT_FOUND", "no such request", [{ path: "requestId", message: "no affected person's request has this id" }]);
  return row;
}

/**
 * The request, for its assignee only, who must still be qualified to answer it: a request routed
 * to someone else, or an assignee whose qualification lapsed, is refused (a lead routes it again).
 */
export async function assignedRequest(tx: Db | Tx, userId: string, requestId: string, now: number) {
  const request = await requestById(tx, requestId);
  if (request.assigneeId !== userId) {
    throw new AppError("FORBIDDEN", "this request is routed to someone else: only its assignee answers it", [{ path: "requestId", message: "not routed to you" }]);
  }
  await answeringQualification(tx, userId, request.systemId, request.kind, now, "requestId");
  return request;
}
