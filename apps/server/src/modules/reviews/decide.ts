import { and, eq, sql } from "drizzle-orm";
import type { Outcome } from "@countersign/shared/enums";
import { unmetReviewRules, type DecideInput, type UnmetRule } from "@countersign/shared/review";
import type { Db, Tx } from "../../db/client";
import { verifications } from "../../db/schema/reviews";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { newId, sha256 } from "../../lib/hash";
import { insertRow, prepared } from "../../lib/prepared";
import { write } from "../../lib/tx";
import { escalationById } from "../escalations/by-id";
import { settle } from "../escalations/lifecycle";
import { instructionsInForce } from "../instructions/read";
import { tallyVerification } from "../tallies/record";
import { goldOutcome, queueNextGoldCopy } from "../gold/serve";
import { qualificationInForce, whyNotQualified } from "../qualifications/in-force";
import { assertLeaseHolder } from "./lease-holder";
import { countDecision } from "./metrics";
import { highestSimilarity } from "./recent-rationales";
import { assertMayResolve, settleByOwnVerification } from "./resolution";
import { shownContentSha256 } from "./shown-content";
import { aiOutputText, policyOf, reviewSituation } from "./situation";
import { settleVerification } from "./two-person";

/**
 * Records one reviewer's analysis and decision. Every review rule is checked here, on the
 * server, whatever the browser allowed; the verification and its audit entry land together.
 */
export async function decide(deps: Deps, reviewerId: string, input: DecideInput) {
  const now = deps.now();
  let decided = null as { systemId: string; goldItemId: string | null } | null;
  const result = await write(deps.db, async (tx) => {
    const row = await escalationById(tx, input.escalationId);
    assertLeaseHolder(row, reviewerId, now);
    // A disputed escalation is decided here only by a resolver who took it up (override authority).
    const qualification = row.disputedAt === null ? await assertMayDecide(tx, reviewerId, row, input.outcome, now) : await assertMayResolve(tx, reviewerId, row, now);
    const policy = await policyOf(tx, row.systemId);
    const unknownItems = Object.keys(input.checklist).filter((id) => !policy.checklist.some((item) => item.id === id));
    if (unknownItems.length > 0) {
      throw new AppError("BAD_REQUEST", `unknown checklist items: ${unknownItems.join(", ")}`, [
        { path: "checklist", message: `not in this system's checklist: ${unknownItems.join(", ")}` },
      ]);
    }
    const { situation, judgement, attention } = await reviewSituation(tx, policy, row, reviewerId, now);
    const similarity = await highestSimilarity(deps.db, tx, reviewerId, input.rationale, aiOutputText(row));
    const unmet: UnmetRule[] = unmetReviewRules(policy, input, situation);
    if (similarity.score >= policy.maxRationaleSimilarity) {
      unmet.push({
        rule: "rationale",
        field: "rationale",
        message: `the rationale is near-identical to ${similarity.against} (similarity ${similarity.score.toFixed(2)}); write this item's own analysis`,
      });
    }
    if (unmet.length > 0) {
      throw new AppError(
        "PRECONDITION_FAILED",
        `cannot record this decision yet: ${unmet.map((rule) => rule.message).join("; ")}`,
        unmet.map((rule) => ({ path: rule.field, message: `${rule.rule}: ${rule.message}` })),
      );
    }
    // Server-measured: the heartbeats credited to this lease. Rounded down, so a stored value is never above what was earned.
    const activeSeconds = Math.floor(situation.activeSeconds);
    const correctedOutput = input.outcome === "modified" ? (input.correctedOutput ?? null) : null;
    const attentionAnswered = attention && input.attentionAnswer !== undefined;
    const verification = {
      id: newId("ver"),
      escalationId: row.id,
      systemId: row.systemId,
      reviewerId,
      claimedAt: row.claimedAt,
      decidedAt: now,
      activeSeconds,
      checklist: input.checklist,
      rationale: input.rationale,
      outcome: input.outcome,
      correctedOutput,
      evidenceOpened: situation.evidenceOpened,
      supportingEvidence: input.supportingEvidence ?? null,
      contentSha256: shownContentSha256(row),
      requiredDwellSeconds: situation.requiredDwellSeconds,
      confidence: row.confidence,
      judgementVerdict: judgement?.verdict ?? null,
      judgementReason: judgement?.reason ?? null,
      switchedToAi: judgement ? judgement.verdict === "reject" && input.outcome === "approved" : null,
      rationaleSimilarity: similarity.score,
      attentionCheck: attentionAnswered
        ? { question: attention.question, options: attention.options, correctIndex: attention.correctIndex, answerIndex: input.attentionAnswer! }
        : null,
      attentionCorrect: attentionAnswered ? attention.correctIndex === input.attentionAnswer : null,
      goldCaught: await goldOutcome(tx, row, input.outcome),
      qualificationId: qualification.id,
      round: row.round,
      instructionsVersionId: await instructionsInForce(deps.db, row.systemId),
    };
    await insertRow(tx, verifications, verification);
    await tallyVerification(tx, verification.id);
    similarity.remember({ id: verification.id, decidedAt: now });
    const settled =
      row.disputedAt === null
        ? await settleVerification(tx, row, policy)
        : await settleByOwnVerification(tx, row, policy.requiredVerifications, verification, now);
    // Once a gold copy leaves the reviewers, the next one arrives the way a real escalation would.
    if (settled.status !== "awaiting_verification") await queueNextGoldCopy(tx, row, policy.goldRate, now, deps.random ?? Math.random);
    const twoPerson =
      settled.verificationsRequired > 1
        ? {
            verificationsRecorded: settled.verificationsRecorded,
            verificationsRequired: settled.verificationsRequired,
            verificationIds: settled.verificationIds,
            ...(settled.status === "disputed" ? { outcomes: settled.outcomes } : {}),
          }
        : {};
    await settle(tx, row, settled.status, now, {
      actor: { type: "user", id: reviewerId },
      action: settled.action,
      payload: {
        verificationId: verification.id,
        outcome: input.outcome,
        claimedAt: new Date(row.claimedAt).toISOString(),
        activeSeconds,
        requiredDwellSeconds: situation.requiredDwellSeconds,
        checklist: input.checklist,
        evidenceOpened: situation.evidenceOpened,
        supportingEvidence: verification.supportingEvidence,
        judgementVerdict: verification.judgementVerdict,
        attentionCorrect: verification.attentionCorrect,
        rationaleSha256: sha256(input.rationale),
        correctedOutputSha256: correctedOutput === null ? null : sha256(correctedOutput),
        contentSha256: verification.contentSha256,
        qualificationId: qualification.id,
        ...twoPerson,
        ...("resolutionId" in settled ? { resolutionId: settled.resolutionId, basis: "own_verification" } : {}),
      },
    });
    if (settled.status === "decided") decided = row;
    return {
      verificationId: verification.id,
      outcome: input.outcome as Outcome,
      status: settled.status,
      verificationsRecorded: settled.verificationsRecorded,
      verificationsRequired: settled.verificationsRequired,
    };
  });
  if (decided) await countDecision(deps.db, decided, result.outcome);
  return result;
}

const verifiedBefore = (db: Db | Tx) =>
  db
    .select({ id: verifications.id })
    .from(verifications)
    .where(and(eq(verifications.escalationId, sql.placeholder("escalationId")), eq(verifications.reviewerId, sql.placeholder("reviewerId"))))
    .prepare();

/**
 * The decider must hold a qualification in force for the system now (one that expired during
 * the lease refuses the decision), must not have verified this escalation before, and needs the
 * override authority to change or reject the AI output.
 */
async function assertMayDecide(tx: Tx, reviewerId: string, row: { id: string; systemId: string }, outcome: Outcome, now: number) {
  const qualification = await qualificationInForce(tx, reviewerId, row.systemId, now);
  if (!qualification) {
    throw new AppError("FORBIDDEN", `you cannot decide: ${await whyNotQualified(tx, reviewerId, row.systemId, now)}`, [
      { path: "escalationId", message: "no qualification in force for its AI system" },
    ]);
  }
  if ((outcome === "modified" || outcome === "rejected") && !qualification.authority.includes("override")) {
    throw new AppError("FORBIDDEN", `to ${outcome === "modified" ? "modify" : "reject"} the AI output you need the override authority; your qualification grants ${qualification.authority.join(", ")}`, [
      { path: "outcome", message: "needs the override authority" },
    ]);
  }
  if (await prepared(tx, verifiedBefore).get({ escalationId: row.id, reviewerId })) {
    throw new AppError("CONFLICT", "you have already verified this escalation; the two-person rule needs a different reviewer", [
      { path: "escalationId", message: "already verified by you" },
    ]);
  }
  return qualification;
}
