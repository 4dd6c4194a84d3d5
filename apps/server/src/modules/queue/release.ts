import type { Deps } from "../../lib/context";
import { write } from "../../lib/tx";
import { releaseLease } from "../escalations/lifecycle";

/** Hands a held item back to the queue (the Release button, and the review tab as it closes). */
export async function releaseEscalation(deps: Deps, reviewerId: string, escalationId: string) {
  const now = deps.now();
  await write(deps.db, (tx) => releaseLease(tx, escalationId, reviewerId, now));
}
