import { and, asc, eq } from "drizzle-orm";
import type { Outcome } from "@countersign/shared/enums";
import type { Tx } from "../../db/client";
import type { escalations } from "../../db/schema/escalations";
import { resolutions, verifications } from "../../db/schema/reviews";
import { AppError } from "../../lib/errors";
import { newId } from "../../lib/hash";
import { qualificationInForce, whyNotQualified, type QualificationInForce } from "../qualifications/in-force";
import type { Settlement } from "./two-person";

type EscalationRow = typeof escalations.$inferSelect;

/**
 * Who may settle a disagreement under the two-person rule (Art. 14(5)): someone holding a
 * qualification in force for the system that grants override, who is not one of its verifiers
 * (one person must never be able to decide alone what two people disagreed on).
 */
export async function assertMayResolve(tx: Tx, resolverId: string, row: EscalationRow, now: number): Promise<QualificationInForce> {
  if (row.status === "decided") {
    throw new AppError("CONFLICT", "this escalation has already been decided", [{ path: "escalationId", message: "already decided" }]);
  }
  if (row.status === "expired") {
    throw new AppError("CONFLICT", "this escalation has expired: its dueAt passed before the dispute was resolved", [
      { path: "escalationId", message: "expired" },
    ]);
  }
  if (row.disputedAt === null) {
    throw new AppError("CONFLICT", "this escalation is not awaiting a resolution: its verifications have not disagreed", [
      { path: "escalationId", message: "not disputed" },
    ]);
  }
  const mine = await tx
    .select({ id: verifications.id })
    .from(verifications)
    .where(and(eq(verifications.escalationId, row.id), eq(verifications.reviewerId, resolverId)))
    .get();
  if (mine) {
    throw new AppError("FORBIDDEN", "you verified this escalation yourself; someone else with the override authority must resolve the disagreement", [
      { path: "escalationId", message: "you are one of its verifiers" },
    ]);
  }
  const qualification = await qualificationInForce(tx, resolverId, row.systemId, now, "override");
  if (!qualification) {
    throw new AppError("FORBIDDEN", `you cannot resolve this dispute: ${await whyNotQualified(tx, resolverId, row.systemId, now, "override")}`, [
      { path: "escalationId", message: "no qualification in force with the override authority for its AI system" },
    ]);
  }
  return qualification;
}

type ResolutionRecord = {
  row: EscalationRow;
  resolverId: string;
  qualificationId: string;
  basis: "adopted" | "own_verification";
  verification: { id: string; outcome: Outcome; correctedOutput: string | null };
  rationale: string;
  now: number;
};

/** Writes the resolution; the caller then decides the escalation with its outcome (the lifecycle's transition). */
export async function recordResolution(tx: Tx, r: ResolutionRecord): Promise<string> {
  const id = newId("res");
  await tx.insert(resolutions)
    .values({
      id,
      escalationId: r.row.id,
      leadId: r.resolverId,
      outcome: r.verification.outcome,
      rationale: r.rationale,
      correctedOutput: r.verification.outcome === "modified" ? r.verification.correctedOutput : null,
      resolvedAt: r.now,
      basis: r.basis,
      verificationId: r.verification.id,
      qualificationId: r.qualificationId,
      round: r.row.round,
    })
    .run();
  return id;
}

/**
 * The resolver recorded a full verification of their own (through decide, under the same
 * rules): it counts as one more independent verification, and its outcome becomes the decision.
 */
export async function settleByOwnVerification(
  tx: Tx,
  row: EscalationRow,
  requiredVerifications: number,
  verification: { id: string; reviewerId: string; outcome: Outcome; correctedOutput: string | null; rationale: string; qualificationId: string },
  now: number,
): Promise<Settlement & { resolutionId: string }> {
  const recorded = await tx
    .select({ id: verifications.id, outcome: verifications.outcome })
    .from(verifications)
    .where(and(eq(verifications.escalationId, row.id), eq(verifications.round, row.round)))
    .orderBy(asc(verifications.decidedAt), asc(verifications.id))
    .all();
  const resolutionId = await recordResolution(tx, {
    row,
    resolverId: verification.reviewerId,
    qualificationId: verification.qualificationId,
    basis: "own_verification",
    verification,
    rationale: verification.rationale,
    now,
  });
  return {
    status: "decided",
    action: "escalation.resolved",
    verificationsRecorded: recorded.length,
    verificationsRequired: requiredVerifications,
    verificationIds: recorded.map((v) => v.id),
    outcomes: recorded.map((v) => v.outcome),
    resolutionId,
  };
}
