import { and, asc, eq } from "drizzle-orm";
import type { ResolveInput } from "@countersign/shared/review";
import { escalations } from "../../db/schema/escalations";
import { verifications } from "../../db/schema/reviews";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { decideByResolution } from "../escalations/lifecycle";
import { countDecision } from "./metrics";
import { assertMayResolve, recordResolution } from "./resolution";

/**
 * Settles an escalation whose independent verifications disagreed by adopting one of them: its
 * outcome (and corrected output) becomes the decision, never one that no verifier chose. To decide
 * otherwise the resolver takes the dispute up and records a verification of their own.
 */
export async function resolveDispute(deps: Deps, resolverId: string, input: ResolveInput) {
  const now = deps.now();
  let resolved = null as { systemId: string; goldItemId: string | null } | null;
  const result = await write(deps.db, async (tx) => {
    const row = await tx.select().from(escalations).where(eq(escalations.id, input.escalationId)).get();
    if (!row) throw new AppError("NOT_FOUND", "no such escalation", [{ path: "escalationId", message: "unknown id" }]);
    const qualification = await assertMayResolve(tx, resolverId, row, now);
    if (row.status === "in_review" && row.leaseHolderId !== resolverId && (row.leaseExpiresAt ?? 0) > now) {
      throw new AppError("CONFLICT", "someone else with the override authority is recording their own verification of this escalation", [
        { path: "escalationId", message: `taken up until ${new Date(row.leaseExpiresAt!).toISOString()}` },
      ]);
    }
    const verified = await tx
      .select({ id: verifications.id, outcome: verifications.outcome, correctedOutput: verifications.correctedOutput })
      .from(verifications)
      .where(and(eq(verifications.escalationId, row.id), eq(verifications.round, row.round)))
      .orderBy(asc(verifications.decidedAt), asc(verifications.id))
      .all();
    const adopted = verified.find((v) => v.id === input.verificationId);
    if (!adopted) {
      throw new AppError("BAD_REQUEST", "a resolution adopts one of this escalation's recorded verifications", [
        { path: "verificationId", message: `not a verification of this escalation; choose one of ${verified.map((v) => v.id).join(", ")}` },
      ]);
    }
    const resolutionId = await recordResolution(tx, {
      row,
      resolverId,
      qualificationId: qualification.id,
      basis: "adopted",
      verification: adopted,
      rationale: input.rationale,
      now,
    });
    const correctedOutput = adopted.outcome === "modified" ? adopted.correctedOutput : null;
    await decideByResolution(tx, row, now, {
      actor: { type: "user", id: resolverId },
      action: "escalation.resolved",
      payload: {
        resolutionId,
        basis: "adopted",
        adoptedVerificationId: adopted.id,
        outcome: adopted.outcome,
        verificationIds: verified.map((v) => v.id),
        qualificationId: qualification.id,
        rationaleSha256: sha256(input.rationale),
        correctedOutputSha256: correctedOutput === null ? null : sha256(correctedOutput),
      },
    });
    resolved = row;
    return { resolutionId, escalationId: row.id, outcome: adopted.outcome, status: "decided" as const };
  });
  if (resolved) await countDecision(deps.db, resolved, result.outcome);
  return result;
}
