import { and, eq, sql } from "drizzle-orm";
import { aiSystems } from "../../db/schema/systems";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { signingKeyFor } from "../../audit/signing-key";
import { appendOutbox } from "../outbox/append";
import { systemById } from "./queries";
import { assertMayStop } from "./stop-authority";
import { signedStopState, stopStateIn } from "./stop-state";

type StopChange = { systemId: string; reason: string };
type SystemState = "active" | "halted";

/**
 * The stop button (EU AI Act Art. 14(4)(e)): a person with stop authority for the system (an
 * admin, or a qualification granting stop) halts it, with a reason. The AI system reads its
 * signed state from GET /api/v1/system; escalations are still accepted meanwhile, so nothing
 * already in flight is lost.
 */
export function haltSystem(deps: Deps, actor: Actor, change: StopChange) {
  return changeState(deps, actor, change, "active", "halted");
}

/** Lifts a halt, with a reason. */
export function resumeSystem(deps: Deps, actor: Actor, change: StopChange) {
  return changeState(deps, actor, change, "halted", "active");
}

function changeState(deps: Deps, actor: Actor, { systemId, reason }: StopChange, from: SystemState, to: SystemState) {
  const now = deps.now();
  const changedBy = actor.type === "user" ? actor.id : actor.type;
  const signingKey = signingKeyFor(deps.db);
  return write(deps.db, async (tx) => {
    const authority = await assertMayStop(tx, actor, await systemById(tx, systemId), to === "halted" ? "halt" : "resume", now);
    // One conditional UPDATE: two people pressing stop at once cannot both succeed. Each change
    // takes the next sequence number (signed into GET /api/v1/system) and waits to be seen afresh.
    const changed = await tx
      .update(aiSystems)
      .set({ state: to, stateReason: reason, stateChangedAt: now, stateChangedBy: changedBy, stateSeq: sql`${aiSystems.stateSeq} + 1`, stateSeenAt: null })
      .where(and(eq(aiSystems.id, systemId), eq(aiSystems.state, from)))
      .returning({ slug: aiSystems.slug, seq: aiSystems.stateSeq })
      .get();
    if (!changed) {
      const system = await systemById(tx, systemId);
      const since = system.stateChangedAt ? ` since ${new Date(system.stateChangedAt).toISOString()}` : "";
      throw new AppError("CONFLICT", `${system.slug} is already ${system.state}${since}`, [
        { path: "systemId", message: `already ${system.state}` },
      ]);
    }
    const action = to === "halted" ? "system.halted" : "system.resumed";
    await appendAudit(tx, actor, now, {
      action,
      entityType: "ai_system",
      entityId: systemId,
      payload: { reason, from, to, seq: changed.seq, ...(authority.qualificationId ? { qualificationId: authority.qualificationId } : {}) },
    });
    // The event carries the signed state exactly as GET /api/v1/system answers it right after the change.
    await appendOutbox(tx, now, { type: action, systemId, payload: signedStopState(signingKey, (await stopStateIn(tx, systemId))!.state, now) });
    return { systemId, slug: changed.slug, state: to, reason, changedAt: now, seq: changed.seq };
  });
}
