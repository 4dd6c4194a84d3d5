import { and, eq, isNull } from "drizzle-orm";
import { aiSystems } from "../../db/schema/systems";
import type { Deps } from "../../lib/context";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";

/**
 * The AI system read a state for the first time: recorded once per state change (the
 * conditional UPDATE lets only the first poll through), with an audit entry whose actor is the
 * AI system, so "the halt was seen at T" is proven from the log, not assumed.
 */
export function recordStateSeen(deps: Deps, system: { id: string; keyId: string }, seen: { seq: number; state: "active" | "halted" }) {
  const now = deps.now();
  return write(deps.db, async (tx) => {
    const first = await tx
      .update(aiSystems)
      .set({ stateSeenAt: now })
      .where(and(eq(aiSystems.id, system.id), eq(aiSystems.stateSeq, seen.seq), isNull(aiSystems.stateSeenAt)))
      .returning({ changedAt: aiSystems.stateChangedAt })
      .get();
    if (!first) return false;
    await appendAudit(tx, { type: "ai_system", id: system.id }, now, {
      action: "system.state_seen",
      entityType: "ai_system",
      entityId: system.id,
      payload: {
        seq: seen.seq,
        state: seen.state,
        apiKeyId: system.keyId,
        changedAt: first.changedAt === null ? null : new Date(first.changedAt).toISOString(),
        afterSeconds: first.changedAt === null ? null : (now - first.changedAt) / 1000,
      },
    });
    return true;
  });
}
