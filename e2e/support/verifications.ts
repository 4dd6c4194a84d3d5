import type { APIRequestContext } from "@playwright/test";
import { trpcMutation } from "./api";
import { attend } from "./attention";

export type DecideResult = {
  verificationId: string;
  outcome: string;
  status: "decided" | "awaiting_verification" | "disputed";
  verificationsRecorded: number;
  verificationsRequired: number;
};

type Verifying = {
  outcome: "approved" | "modified" | "rejected" | "escalated";
  rationale: string;
  /** Seconds of active review (heartbeats) between claim and decision; above the test system's dwell. */
  holdSeconds?: number;
  correctedOutput?: string;
};

/**
 * Claims the next escalation of one system and records a verification through the procedures the
 * review screen uses (queue.claimNext, reviews.decide), on a test system's two-item checklist.
 */
export async function verifyNext(api: APIRequestContext, system: string, how: Verifying): Promise<{ escalationId: string; result: DecideResult }> {
  const claim = await trpcMutation<{ escalationId: string } | null>(api, "queue.claimNext", { system });
  if (!claim) throw new Error(`nothing to claim on ${system}`);
  const holdSeconds = how.holdSeconds ?? 3;
  await attend(api, claim.escalationId, holdSeconds);
  const result = await trpcMutation<DecideResult>(api, "reviews.decide", {
    escalationId: claim.escalationId,
    outcome: how.outcome,
    checklist: { "answers-request": "yes", "within-policy": how.outcome === "approved" ? "yes" : "no" },
    rationale: how.rationale,
    ...(how.correctedOutput !== undefined ? { correctedOutput: how.correctedOutput } : {}),
  });
  return { escalationId: claim.escalationId, result };
}
