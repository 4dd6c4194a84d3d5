import { and, eq, gte } from "drizzle-orm";
import { unmetReviewRules, type DecideInput } from "@countersign/shared/review";
import { escalations } from "../../db/schema/escalations";
import { evidenceOpenings, verifications } from "../../db/schema/reviews";
import { aiSystems } from "../../db/schema/systems";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { newId, sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../audit/append";
import { shownContentSha256 } from "./shown-content";

/**
 * Records one reviewer's analysis and decision. Every review rule is checked here, on the
 * server, whatever the browser allowed; the verification and its audit entry land together.
 */
export function decide(deps: Deps, reviewerId: string, input: DecideInput) {
  const now = deps.now();
  return write(deps.db, (tx) => {
    const row = tx.select().from(escalations).where(eq(escalations.id, input.escalationId)).get();
    if (!row) throw new AppError("NOT_FOUND", "no such escalation", [{ path: "escalationId", message: "unknown id" }]);
    if (row.status === "decided") {
      throw new AppError("CONFLICT", "this escalation has already been decided", [{ path: "escalationId", message: "already decided" }]);
    }
    if (row.status !== "in_review" || row.leaseHolderId !== reviewerId) {
      throw new AppError("CONFLICT", "only the reviewer holding the lease can decide this escalation", [
        { path: "escalationId", message: "you do not hold a lease on it" },
      ]);
    }
    if ((row.leaseExpiresAt ?? 0) <= now) {
      throw new AppError("CONFLICT", "your lease on this escalation has expired; claim it again", [
        { path: "escalationId", message: "lease expired" },
      ]);
    }
    const { policy } = tx.select({ policy: aiSystems.policy }).from(aiSystems).where(eq(aiSystems.id, row.systemId)).get()!;
    const unknownItems = Object.keys(input.checklist).filter((id) => !policy.checklist.some((item) => item.id === id));
    if (unknownItems.length > 0) {
      throw new AppError("BAD_REQUEST", `unknown checklist items: ${unknownItems.join(", ")}`, [
        { path: "checklist", message: `not in this system's checklist: ${unknownItems.join(", ")}` },
      ]);
    }
    const claimedAt = row.claimedAt!;
    const unmet = unmetReviewRules(policy, input, (now - claimedAt) / 1000);
    if (unmet.length > 0) {
      throw new AppError(
        "PRECONDITION_FAILED",
        `cannot record this decision yet: ${unmet.map((rule) => rule.message).join("; ")}`,
        unmet.map((rule) => ({ path: rule.field, message: `${rule.rule}: ${rule.message}` })),
      );
    }
    const evidenceOpened = tx
      .selectDistinct({ index: evidenceOpenings.evidenceIndex })
      .from(evidenceOpenings)
      .where(
        and(
          eq(evidenceOpenings.escalationId, row.id),
          eq(evidenceOpenings.reviewerId, reviewerId),
          gte(evidenceOpenings.openedAt, claimedAt),
        ),
      )
      .all()
      .map((o) => o.index)
      .sort((a, b) => a - b);
    // The browser measures attention; it can never claim more than the time since the claim.
    const activeSeconds = Math.round(Math.min(input.activeSeconds, (now - claimedAt) / 1000));
    const correctedOutput = input.outcome === "modified" ? (input.correctedOutput ?? null) : null;
    const verification = {
      id: newId("ver"),
      escalationId: row.id,
      reviewerId,
      claimedAt,
      decidedAt: now,
      activeSeconds,
      checklist: input.checklist,
      rationale: input.rationale,
      outcome: input.outcome,
      correctedOutput,
      evidenceOpened,
      contentSha256: shownContentSha256(row),
    };
    tx.insert(verifications).values(verification).run();
    tx.update(escalations)
      .set({ status: "decided", decidedAt: now, leaseHolderId: null, leaseExpiresAt: null })
      .where(eq(escalations.id, row.id))
      .run();
    appendAudit(tx, { type: "user", id: reviewerId }, now, {
      action: "escalation.decided",
      entityType: "escalation",
      entityId: row.id,
      payload: {
        verificationId: verification.id,
        outcome: input.outcome,
        claimedAt: new Date(claimedAt).toISOString(),
        activeSeconds,
        checklist: input.checklist,
        evidenceOpened,
        rationaleSha256: sha256(input.rationale),
        correctedOutputSha256: correctedOutput === null ? null : sha256(correctedOutput),
        contentSha256: verification.contentSha256,
      },
    });
    return { verificationId: verification.id, outcome: input.outcome };
  });
}
