import { and, eq } from "drizzle-orm";
import { aiSystems } from "../../db/schema/systems";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { write } from "../../lib/tx";
import { appendAudit } from "../audit/append";
import { appendOutbox } from "../outbox/append";
import { systemById } from "./queries";

type StopChange = { systemId: string; reason: string };
type SystemState = "active" | "halted";

/**
 * The stop button (EU AI Act Art. 14(4)(e)): a person halts an AI system, with a reason. The
 * AI system reads its state from GET /api/v1/system; escalations are still accepted meanwhile,
 * so nothing already in flight is lost.
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
  return write(deps.db, (tx) => {
    // One conditional UPDATE: two people pressing stop at once cannot both succeed.
    const changed = tx
      .update(aiSystems)
      .set({ state: to, stateReason: reason, stateChangedAt: now, stateChangedBy: changedBy })
      .where(and(eq(aiSystems.id, systemId), eq(aiSystems.state, from)))
      .returning({ slug: aiSystems.slug })
      .get();
    if (!changed) {
      const system = systemById(tx, systemId);
      const since = system.stateChangedAt ? ` since ${new Date(system.stateChangedAt).toISOString()}` : "";
      throw new AppError("CONFLICT", `${system.slug} is already ${system.state}${since}`, [
        { path: "systemId", message: `already ${system.state}` },
      ]);
    }
    const action = to === "halted" ? "system.halted" : "system.resumed";
    appendAudit(tx, actor, now, { action, entityType: "ai_system", entityId: systemId, payload: { reason, from, to } });
    appendOutbox(tx, now, {
      type: action,
      systemId,
      payload: { slug: changed.slug, state: to, reason, changedAt: new Date(now).toISOString(), changedBy },
    });
    return { systemId, slug: changed.slug, state: to, reason, changedAt: now };
  });
}
