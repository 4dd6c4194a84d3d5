import { and, eq, isNull } from "drizzle-orm";
import type { ReopenInput } from "@countersign/shared/review";
import type { Tx } from "../../db/client";
import { escalations } from "../../db/schema/escalations";
import { reopenings, resolutions, verifications } from "../../db/schema/reviews";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { newId, sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { markReReviewStarted } from "../affected-person-requests/re-review";
import { escalationState, reopen } from "../escalations/lifecycle";
import { qualificationInForce, whyNotQualified } from "../qualifications/in-force";
import { policyOf } from "./situation";

type EscalationRow = typeof escalations.$inferSelect;

/**
 * Reverses a decision (EU AI Act Art. 14(4)(d)): a lead whose qualification for the system grants
 * override reopens a decided escalation, saying why, and it goes back to review as a new round
 * under the same review policy. The round's verifications and resolution stay in the record,
 * marked superseded; the reopening, its audit entry and the `escalation.reopened` event commit
 * together. The people who verified an earlier round cannot verify the new one (the claim and the
 * decision refuse anyone who verified the escalation before): a reversal gets fresh eyes.
 */
export function reopenDecision(deps: Deps, userId: string, input: ReopenInput) {
  const now = deps.now();
  return write(deps.db, async (tx) => {
    const row = await tx.select().from(escalations).where(eq(escalations.id, input.escalationId)).get();
    if (!row) throw new AppError("NOT_FOUND", "no such escalation", [{ path: "escalationId", message: "unknown id" }]);
    assertReopenable(row, now);
    const qualification = await qualificationInForce(tx, userId, row.systemId, now, "override");
    if (!qualification) {
      throw new AppError("FORBIDDEN", `you cannot reopen this decision: ${await whyNotQualified(tx, userId, row.systemId, now, "override")}`, [
        { path: "escalationId", message: "no qualification in force with the override authority for its AI system" },
      ]);
    }
    const superseded = await supersedeRound(tx, row, now);
    const round = row.round + 1;
    const dueAtMs = await reopenedRoundDueAtMs(tx, row, now);
    const reopeningId = newId("reo");
    await tx.insert(reopenings)
      .values({
        id: reopeningId,
        escalationId: row.id,
        round,
        reopenedBy: userId,
        reopenedAt: now,
        reason: input.reason,
        qualificationId: qualification.id,
        previousDecidedAt: row.decidedAt ?? now,
        previousDecisionFetchedAt: row.decisionFetchedAt,
        previousDisputedAt: row.disputedAt,
        previousDueAt: row.dueAt,
      })
      .run();
    await reopen(tx, row, now, dueAtMs, {
      actor: { type: "user", id: userId },
      action: "escalation.reopened",
      payload: {
        reopeningId,
        round,
        supersededRound: row.round,
        supersededVerificationIds: superseded.verificationIds,
        supersededResolutionId: superseded.resolutionId,
        previousDecidedAt: row.decidedAt === null ? null : new Date(row.decidedAt).toISOString(),
        qualificationId: qualification.id,
        reasonSha256: sha256(input.reason),
        dueAt: dueAtMs === null ? null : new Date(dueAtMs).toISOString(),
        previousDueAt: row.dueAt,
      },
    });
    await markReReviewStarted(tx, { type: "user", id: userId }, { escalationId: row.id, reopeningId, round }, now);
    return { escalationId: row.id, round, status: "queued" as const, reopeningId };
  });
}

/**
 * Only a human decision in force can be reversed: not one still under review, not an expiry (no
 * human decided; the AI system acted under onOverdue), not purged content, and never a gold copy
 * (Countersign's own test of its reviewers, which no AI system acted on).
 */
function assertReopenable(row: EscalationRow, now: number) {
  if (row.goldItemId !== null) {
    throw new AppError("CONFLICT", "cannot reopen this escalation: it is a gold item, a test of the reviewers that no AI system acted on", [
      { path: "escalationId", message: "gold item" },
    ]);
  }
  const state = escalationState(row, now);
  if (state === "purged") {
    throw new AppError("CONFLICT", "cannot reopen this escalation: its content was purged after its retention period, so nobody could review it again", [
      { path: "escalationId", message: "purged" },
    ]);
  }
  if (state === "expired") {
    throw new AppError("CONFLICT", "cannot reopen this escalation: it expired undecided, so there is no human decision to reverse; the AI system acted under its onOverdue policy", [
      { path: "escalationId", message: "expired, not decided" },
    ]);
  }
  if (state !== "decided") {
    throw new AppError("CONFLICT", `cannot reopen this escalation: round ${row.round} is still under review; reopen it once it is decided`, [
      { path: "escalationId", message: `not decided (${state})` },
    ]);
  }
}

/**
 * Reversal's due-time rule: a reopened round is due as long after its reopening as the AI system
 * allowed the first round after its arrival (its dueAt − receivedAt), and never sooner than one
 * lease of the system after it, so that someone can claim and decide it; an escalation sent
 * without a dueAt has none in any round. The AI system has already acted on the superseded
 * decision, so the old dueAt says nothing about the new round: kept, it would expire the round the
 * moment it opened (or, with no deadline at all, leave it waiting unseen by queue health).
 */
async function reopenedRoundDueAtMs(tx: Tx, row: EscalationRow, now: number): Promise<number | null> {
  if (row.dueAtMs === null) return null;
  // Each round started at its arrival or its reopening, and its dueAt is that start plus the allowance.
  const roundStartedAt =
    row.round === 1
      ? row.receivedAt
      : ((await tx
          .select({ at: reopenings.reopenedAt })
          .from(reopenings)
          .where(and(eq(reopenings.escalationId, row.id), eq(reopenings.round, row.round)))
          .get())?.at ?? row.receivedAt);
  const oneLease = (await policyOf(tx, row.systemId)).leaseMinutes * 60_000;
  return now + Math.max(row.dueAtMs - roundStartedAt, oneLease);
}

/** Marks the current round's verifications and resolution superseded: kept, never deleted or rewritten. */
async function supersedeRound(tx: Tx, row: EscalationRow, now: number) {
  const verificationIds = (await tx
    .update(verifications)
    .set({ supersededAt: now })
    .where(and(eq(verifications.escalationId, row.id), eq(verifications.round, row.round), isNull(verifications.supersededAt)))
    .returning({ id: verifications.id })
    .all())
    .map((v) => v.id);
  const resolution = await tx
    .update(resolutions)
    .set({ supersededAt: now })
    .where(and(eq(resolutions.escalationId, row.id), eq(resolutions.round, row.round), isNull(resolutions.supersededAt)))
    .returning({ id: resolutions.id })
    .get();
  return { verificationIds, resolutionId: resolution?.id ?? null };
}
