import type { DecideInput } from "@countersign/shared/review";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { write } from "../../lib/tx";
import { claimNext } from "../queue/claim";
import { recordHeartbeat } from "../queue/heartbeat";
import { decide } from "./decide";
import { reviewView } from "./view";

/**
 * "Decide & next": what the review screen used to ask in four requests one after another (the last
 * heartbeat, the decision, the claim of the next item, its view), in one. Each step is the same use
 * case as on its own, so the review rules are enforced exactly as there:
 * the heartbeat credits what any heartbeat would (a refused one earns nothing and the decision
 * then says why), and a decision refused throws before anything is claimed. Once the decision is
 * recorded it stands: a next claim that fails is reported beside it, never as the decision's failure.
 */
export async function decideAndClaimNext(deps: Deps, reviewerId: string, input: DecideInput & { leaving: boolean }) {
  const { leaving, ...decision } = input;
  // One outer transaction, so everything reaches the disk in one commit; each step inside is still
  // its own (a savepoint). A refused decision rolls back only itself: the heartbeat's credit stays,
  // as it did when the heartbeat was a request of its own.
  let refusal: unknown = null;
  const answer = await write(deps.db, async () => {
    try {
      await recordHeartbeat(deps, reviewerId, decision.escalationId, { leaving });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
    let decided;
    try {
      decided = await decide(deps, reviewerId, decision);
    } catch (error) {
      refusal = error;
      return null;
    }
    try {
      const claim = await claimNext(deps, reviewerId);
      return { decided, next: claim ? await reviewView(deps, reviewerId, claim.escalationId) : null, nextRefused: null };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { decided, next: null, nextRefused: error.message };
    }
  });
  if (answer === null) throw refusal;
  return answer;
}
