import { and, asc, eq } from "drizzle-orm";
import type { ResolveInput } from "@countersign/shared/review";
import { escalations } from "../../db/schema/escalations";
import { resolutions, verifications } from "../../db/schema/reviews";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { newId, sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../audit/append";

/**
 * A lead settles an escalation whose independent verifications disagreed: the resolution is
 * recorded with its rationale, and the escalation is decided with the lead's outcome.
 */
export function resolveDispute(deps: Deps, leadId: string, input: ResolveInput) {
  const now = deps.now();
  return write(deps.db, (tx) => {
    const row = tx.select().from(escalations).where(eq(escalations.id, input.escalationId)).get();
    if (!row) throw new AppError("NOT_FOUND", "no such escalation", [{ path: "escalationId", message: "unknown id" }]);
    if (row.status === "decided") {
      throw new AppError("CONFLICT", "this escalation has already been decided", [{ path: "escalationId", message: "already decided" }]);
    }
    if (row.disputedAt === null) {
      throw new AppError("CONFLICT", "this escalation is not awaiting a resolution: its verifications have not disagreed", [
        { path: "escalationId", message: "not disputed" },
      ]);
    }
    const verified = tx
      .select({ id: verifications.id, reviewerId: verifications.reviewerId })
      .from(verifications)
      .where(eq(verifications.escalationId, row.id))
      .orderBy(asc(verifications.decidedAt))
      .all();
    if (verified.some((v) => v.reviewerId === leadId)) {
      throw new AppError("FORBIDDEN", "you verified this escalation yourself; another lead must resolve the disagreement", [
        { path: "escalationId", message: "you are one of its verifiers" },
      ]);
    }
    const correctedOutput = input.outcome === "modified" ? (input.correctedOutput ?? null) : null;
    const id = newId("res");
    tx.insert(resolutions)
      .values({ id, escalationId: row.id, leadId, outcome: input.outcome, rationale: input.rationale, correctedOutput, resolvedAt: now })
      .run();
    tx.update(escalations)
      .set({ status: "decided", decidedAt: now, leaseHolderId: null, claimedAt: null, leaseExpiresAt: null })
      .where(and(eq(escalations.id, row.id), eq(escalations.status, "queued")))
      .run();
    appendAudit(tx, { type: "user", id: leadId }, now, {
      action: "escalation.resolved",
      entityType: "escalation",
      entityId: row.id,
      payload: {
        resolutionId: id,
        outcome: input.outcome,
        verificationIds: verified.map((v) => v.id),
        rationaleSha256: sha256(input.rationale),
        correctedOutputSha256: correctedOutput === null ? null : sha256(correctedOutput),
      },
    });
    return { resolutionId: id, escalationId: row.id, outcome: input.outcome, status: "decided" as const };
  });
}
