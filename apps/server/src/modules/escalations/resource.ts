import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Decision, EscalationResource, SupersededRound } from "@countersign/shared/escalation";
import { overdueInstruction } from "@countersign/shared/policy";
import type { Db, Tx } from "../../db/client";
import { escalations } from "../../db/schema/escalations";
import { instructionsForUse } from "../../db/schema/instructions";
import { qualifications } from "../../db/schema/qualifications";
import { reopenings, resolutions, verifications } from "../../db/schema/reviews";
import { users } from "../../db/schema/users";
import { AppError } from "../../lib/errors";
import { prepared, statement } from "../../lib/prepared";
import { inOrder } from "../../lib/in-order";
import { escalationState, publicStatus } from "./lifecycle";

type EscalationRow = typeof escalations.$inferSelect;

/**
 * The escalation as the AI system sent it, plus its status and, once decided or expired, the
 * decision. Under the two-person rule an escalation with a verification recorded reads as
 * in_review while it waits for the next reviewer (or a lead), though it is back in the queue.
 */
export async function escalationResource(db: Db | Tx, row: EscalationRow, now: number): Promise<EscalationResource> {
  // Whether a verification is recorded matters only to an item that would otherwise read as queued.
  const verified = escalationState(row, now) === "queued" && await hasVerification(db, row);
  const resource: EscalationResource = {
    id: row.id,
    externalId: row.externalId,
    input: JSON.parse(row.inputJson),
    aiOutput: JSON.parse(row.aiOutputJson),
    confidence: row.confidence,
    model: row.model,
    escalationReason: { code: row.reasonCode, explanation: row.reasonExplanation },
    contextSummary: row.contextSummary,
    ...(row.evidence ? { evidence: row.evidence } : {}),
    priority: row.priority,
    ...(row.dueAt ? { dueAt: row.dueAt } : {}),
    ...(row.metadata ? { metadata: row.metadata } : {}),
    ...(row.traceparent ? { traceparent: row.traceparent } : {}),
    ...art12Fields(row),
    status: publicStatus({ ...row, verified }, now),
    round: row.round,
    receivedAt: new Date(row.receivedAt).toISOString(),
    ...(row.purgedAt ? { purgedAt: new Date(row.purgedAt).toISOString() } : {}),
  };
  if (row.status === "decided") resource.decision = await decisionOf(db, row, row.round);
  if (row.status === "expired") resource.decision = await expiryOf(db, row);
  if (row.round > 1) resource.earlierRounds = await earlierRounds(db, row);
  return resource;
}

async function hasVerification(db: Db | Tx, row: EscalationRow): Promise<boolean> {
  // A row or none: SQLite answers EXISTS with 1 or 0, PostgreSQL with a boolean.
  return (await statement(db, "SELECT 1 FROM verifications WHERE escalation_id = ? AND round = ? LIMIT 1").value(row.id, row.round)) !== undefined;
}

/** Each reopened round's decision as it was, with who reopened it, when and why (Art. 14(4)(d)). */
async function earlierRounds(db: Db | Tx, row: EscalationRow): Promise<SupersededRound[]> {
  const reopened = await db
    .select({ round: reopenings.round, reopenedAt: reopenings.reopenedAt, reason: reopenings.reason, reopenedBy: users.name, dueAt: reopenings.previousDueAt })
    .from(reopenings)
    .innerJoin(users, eq(users.id, reopenings.reopenedBy))
    .where(eq(reopenings.escalationId, row.id))
    .orderBy(asc(reopenings.round))
    .all();
  const rounds = await inOrder(reopened, async (r) => {
    // A purge removes the verifications; the round then has no decision left to show.
    const decision = await decisionOf(db, row, r.round - 1);
    return decision
      ? [{ round: r.round - 1, decision, supersededAt: new Date(r.reopenedAt).toISOString(), reopenedBy: r.reopenedBy, reason: r.reason, ...(r.dueAt ? { dueAt: r.dueAt } : {}) }]
      : [];
  });
  return rounds.flat();
}

/** The Art. 12(3) fields, each only when the AI system sent it, exactly as sent. */
export function art12Fields(row: Pick<EscalationRow, "usePeriodStart" | "usePeriodEnd" | "referenceDatabase" | "matchedInputJson">) {
  return {
    ...(row.usePeriodStart !== null && row.usePeriodEnd !== null ? { usePeriod: { start: row.usePeriodStart, end: row.usePeriodEnd } } : {}),
    ...(row.referenceDatabase !== null ? { referenceDatabase: row.referenceDatabase } : {}),
    ...(row.matchedInputJson !== null ? { matchedInput: JSON.parse(row.matchedInputJson) as string | Record<string, unknown> } : {}),
  };
}

/**
 * No human decided before dueAt: the decision says expired, and what the AI system must do under
 * the system's onOverdue policy at that moment, with whatever verifications were recorded before.
 */
async function expiryOf(db: Db | Tx, row: EscalationRow): Promise<Decision> {
  const onOverdue = row.onOverdue ?? "hold";
  const expiredAt = new Date(row.expiredAt ?? row.receivedAt).toISOString();
  return {
    outcome: "expired",
    finalOutput: null,
    rationale: `No human decided this escalation before its dueAt (${row.dueAt ?? "unknown"}); it expired at ${expiredAt}. The AI system's policy on overdue escalations is "${onOverdue}": ${overdueInstruction[onOverdue]}.`,
    decidedBy: "Countersign",
    decidedAt: expiredAt,
    verifications: (await verificationsOf(db, row.id, row.round)).map(publicVerification),
    onOverdue,
  };
}

// Every decision's outbox event and every REST read of a decision build this resource: its queries are prepared once.
const verificationsById = (db: Db | Tx) =>
  db
    .select({
      outcome: verifications.outcome,
      rationale: verifications.rationale,
      correctedOutput: verifications.correctedOutput,
      decidedAt: verifications.decidedAt,
      reviewerName: users.name,
      instructionsId: instructionsForUse.id,
      instructionsVersion: instructionsForUse.version,
    })
    .from(verifications)
    .innerJoin(users, eq(users.id, verifications.reviewerId))
    .leftJoin(instructionsForUse, eq(instructionsForUse.id, verifications.instructionsVersionId))
    .where(and(eq(verifications.escalationId, sql.placeholder("escalationId")), eq(verifications.round, sql.placeholder("round"))))
    .orderBy(asc(verifications.decidedAt), asc(verifications.id))
    .prepare();

function verificationsOf(db: Db | Tx, escalationId: string, round: number) {
  return prepared(db, verificationsById).all({ escalationId, round });
}

const publicVerification = (v: Awaited<ReturnType<typeof verificationsOf>>[number]) => ({
  outcome: v.outcome,
  rationale: v.rationale,
  decidedBy: v.reviewerName,
  decidedAt: new Date(v.decidedAt).toISOString(),
  instructionsForUse: v.instructionsId === null ? null : { id: v.instructionsId, version: v.instructionsVersion! },
});

const resolutionById = (db: Db | Tx) =>
  db
    .select({
      outcome: resolutions.outcome,
      rationale: resolutions.rationale,
      correctedOutput: resolutions.correctedOutput,
      resolvedAt: resolutions.resolvedAt,
      leadName: users.name,
      basis: resolutions.basis,
      qualification: {
        id: qualifications.id,
        training: qualifications.training,
        authority: qualifications.authority,
        obtainedAt: qualifications.obtainedAt,
        expiresAt: qualifications.expiresAt,
      },
    })
    .from(resolutions)
    .innerJoin(users, eq(users.id, resolutions.leadId))
    .leftJoin(qualifications, eq(qualifications.id, resolutions.qualificationId))
    .where(and(eq(resolutions.escalationId, sql.placeholder("escalationId")), eq(resolutions.round, sql.placeholder("round"))))
    .prepare();

/** The decision of one review round: the current one, or an earlier one that was reopened. */
async function decisionOf(db: Db | Tx, row: EscalationRow, round: number): Promise<Decision | undefined> {
  const verified = await verificationsOf(db, row.id, round);
  const resolution = await prepared(db, resolutionById).get({ escalationId: row.id, round });
  const latest = verified.at(-1);
  const final = resolution
    ? { ...resolution, decidedAt: resolution.resolvedAt, decidedBy: resolution.leadName }
    : latest
      ? { ...latest, decidedBy: latest.reviewerName }
      : undefined;
  if (!final) return undefined;
  return {
    outcome: final.outcome,
    finalOutput: finalOutput(final.outcome, row.aiOutputJson, final.correctedOutput),
    rationale: final.rationale,
    decidedBy: final.decidedBy,
    decidedAt: new Date(final.decidedAt).toISOString(),
    verifications: verified.map(publicVerification),
    ...(resolution
      ? {
          resolution: {
            outcome: resolution.outcome,
            rationale: resolution.rationale,
            resolvedBy: resolution.leadName,
            resolvedAt: new Date(resolution.resolvedAt).toISOString(),
            basis: resolution.basis,
            qualification: resolution.qualification
              ? {
                  ...resolution.qualification,
                  obtainedAt: new Date(resolution.qualification.obtainedAt).toISOString(),
                  expiresAt: new Date(resolution.qualification.expiresAt).toISOString(),
                }
              : null,
          },
        }
      : {}),
  };
}

/** Approved: the AI's output. Modified: the reviewer's correction (as JSON when the AI spoke JSON). */
function finalOutput(outcome: Decision["outcome"], aiOutputJson: string, corrected: string | null): Decision["finalOutput"] {
  if (outcome === "approved") return JSON.parse(aiOutputJson);
  if (outcome !== "modified" || corrected === null) return null;
  if (aiOutputJson.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(corrected);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // not JSON: the correction is returned as text
    }
  }
  return corrected;
}

export async function findForSystem(db: Db, systemId: string, by: { id: string } | { externalId: string }, now = Date.now()) {
  // Gold items are the reviewers' test, not the AI system's business: never returned here.
  const where =
    "id" in by
      ? and(eq(escalations.systemId, systemId), eq(escalations.id, by.id), isNull(escalations.goldItemId))
      : and(eq(escalations.systemId, systemId), eq(escalations.externalId, by.externalId), isNull(escalations.goldItemId));
  const row = await db.select().from(escalations).where(where).get();
  // Another system's escalation is reported as absent: a key must not learn what others sent.
  if (!row) throw new AppError("NOT_FOUND", "no escalation of this AI system matches");
  return escalationResource(db, row, now);
}
