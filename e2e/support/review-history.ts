import type { APIRequestContext } from "@playwright/test";
import { trpcMutation, trpcQuery } from "./api";
import { attend } from "./attention";

type Claim = { escalationId: string } | null;
type ReviewView = { id: string; externalId: string; aiOutput: unknown; evidence: { index: number }[] };

export type Reviewing = {
  /** Seconds of active review (heartbeats) between claim and decision: at the dwell floor for a rubber-stamper, longer for a careful reviewer. */
  holdSeconds: number;
  openEvidence: boolean;
  /** The outcome of the n-th decision (0-based). */
  outcome: (n: number) => "approved" | "rejected";
  /** The rationale of the n-th decision; each must differ enough from the reviewer's recent ones to be accepted. */
  rationale: (n: number, view: ReviewView) => string;
};

/**
 * Decides `count` escalations of one system through the procedures the review screen uses
 * (queue.claimNext, reviews.view, reviews.openEvidence, reviews.decide). Returns the external ids decided.
 */
export async function decideEscalations(api: APIRequestContext, system: string, count: number, how: Reviewing): Promise<string[]> {
  const decided: string[] = [];
  for (let n = 0; n < count; n++) {
    const claim = await trpcMutation<Claim>(api, "queue.claimNext", { system });
    if (!claim) break;
    const view = await trpcQuery<ReviewView>(api, "reviews.view", { escalationId: claim.escalationId });
    if (how.openEvidence) {
      for (const item of view.evidence) await trpcMutation(api, "reviews.openEvidence", { escalationId: claim.escalationId, evidenceIndex: item.index });
    }
    await attend(api, claim.escalationId, how.holdSeconds);
    const outcome = how.outcome(n);
    await trpcMutation(api, "reviews.decide", {
      escalationId: claim.escalationId,
      outcome,
      checklist: { "answers-request": "yes", "within-policy": outcome === "approved" ? "yes" : "no" },
      rationale: how.rationale(n, view),
      ...(how.openEvidence && outcome === "approved" && view.evidence.length ? { supportingEvidence: [0] } : {}),
    });
    decided.push(view.externalId);
  }
  return decided;
}
