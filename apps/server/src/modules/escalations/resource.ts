import { and, desc, eq, isNull } from "drizzle-orm";
import type { Decision, EscalationResource } from "@countersign/shared/escalation";
import type { Db } from "../../db/client";
import { escalations } from "../../db/schema/escalations";
import { verifications } from "../../db/schema/reviews";
import { users } from "../../db/schema/users";
import { AppError } from "../../lib/errors";

type EscalationRow = typeof escalations.$inferSelect;

/** The escalation as the AI system sent it, plus its status and, once decided, the decision. */
export function escalationResource(db: Db, row: EscalationRow): EscalationResource {
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
    status: row.status,
    receivedAt: new Date(row.receivedAt).toISOString(),
  };
  if (row.status === "decided") resource.decision = decisionOf(db, row);
  return resource;
}

function decisionOf(db: Db, row: EscalationRow): Decision | undefined {
  const verification = db
    .select({
      outcome: verifications.outcome,
      rationale: verifications.rationale,
      correctedOutput: verifications.correctedOutput,
      decidedAt: verifications.decidedAt,
      reviewerId: verifications.reviewerId,
      reviewerName: users.name,
    })
    .from(verifications)
    .innerJoin(users, eq(users.id, verifications.reviewerId))
    .where(eq(verifications.escalationId, row.id))
    .orderBy(desc(verifications.decidedAt))
    .get();
  if (!verification) return undefined;
  return {
    outcome: verification.outcome,
    finalOutput: finalOutput(verification.outcome, row.aiOutputJson, verification.correctedOutput),
    rationale: verification.rationale,
    decidedBy: verification.reviewerName,
    decidedAt: new Date(verification.decidedAt).toISOString(),
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

export function findForSystem(db: Db, systemId: string, by: { id: string } | { externalId: string }) {
  // Gold items are the reviewers' test, not the AI system's business: never returned here.
  const where =
    "id" in by
      ? and(eq(escalations.systemId, systemId), eq(escalations.id, by.id), isNull(escalations.goldItemId))
      : and(eq(escalations.systemId, systemId), eq(escalations.externalId, by.externalId), isNull(escalations.goldItemId));
  const row = db.select().from(escalations).where(where).get();
  // Another system's escalation is reported as absent: a key must not learn what others sent.
  if (!row) throw new AppError("NOT_FOUND", "no escalation of this AI system matches");
  return escalationResource(db, row);
}
