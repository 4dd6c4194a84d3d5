import { and, desc, eq, isNull, or } from "drizzle-orm";
import type { LegalHold } from "@countersign/shared/retention";
import type { Db, Tx } from "../../db/client";
import { escalations } from "../../db/schema/escalations";
import { legalHolds } from "../../db/schema/retention";
import { users } from "../../db/schema/users";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { newId } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { systemById } from "../systems/queries";

type Person = Extract<Actor, { type: "user" }>;
type HoldTarget = { systemId?: string; escalationId?: string };

/**
 * Places a legal hold on a system or on one of its escalations: while it is in force, purging
 * keeps what it covers, whatever the retention period says.
 */
export function placeLegalHold(deps: Deps, actor: Person, input: HoldTarget & { reason: string }) {
  const now = deps.now();
  return write(deps.db, async (tx) => {
    const systemId = await systemOf(tx, input);
    const id = newId("hold");
    const escalationId = input.escalationId ?? null;
    await tx.insert(legalHolds).values({ id, systemId, escalationId, reason: input.reason, placedBy: actor.id, placedAt: now }).run();
    // A hold on one escalation is an entry about it, so it shows in that escalation's trail.
    await appendAudit(tx, actor, now, {
      action: "legal_hold.placed",
      ...holdEntity(systemId, escalationId),
      payload: { holdId: id, systemId, escalationId, reason: input.reason },
    });
    return { id };
  });
}

/** Lifts a hold in force, with a reason; the hold stays on record as lifted. */
export function liftLegalHold(deps: Deps, actor: Person, input: { holdId: string; reason: string }) {
  const now = deps.now();
  return write(deps.db, async (tx) => {
    // One conditional UPDATE: a hold is lifted once, by one person.
    const lifted = await tx
      .update(legalHolds)
      .set({ liftedBy: actor.id, liftedAt: now, liftReason: input.reason })
      .where(and(eq(legalHolds.id, input.holdId), isNull(legalHolds.liftedAt)))
      .returning({ systemId: legalHolds.systemId, escalationId: legalHolds.escalationId })
      .get();
    if (!lifted) {
      const exists = await tx.select({ liftedAt: legalHolds.liftedAt }).from(legalHolds).where(eq(legalHolds.id, input.holdId)).get();
      if (!exists) throw new AppError("NOT_FOUND", "no such legal hold", [{ path: "holdId", message: "no legal hold has this id" }]);
      throw new AppError("CONFLICT", `the legal hold was already lifted on ${new Date(exists.liftedAt!).toISOString()}`, [
        { path: "holdId", message: "already lifted" },
      ]);
    }
    await appendAudit(tx, actor, now, {
      action: "legal_hold.lifted",
      ...holdEntity(lifted.systemId, lifted.escalationId),
      payload: { holdId: input.holdId, systemId: lifted.systemId, escalationId: lifted.escalationId, reason: input.reason },
    });
  });
}

/**
 * The holds on a system, newest first, in force and lifted; given an escalation, the holds that
 * cover it (its own and the system's).
 */
export async function legalHoldsFor(db: Db, target: HoldTarget): Promise<LegalHold[]> {
  return legalHoldsOf(db, await systemOf(db, target), target.escalationId);
}

export async function legalHoldsOf(db: Db | Tx, systemId: string, escalationId?: string): Promise<LegalHold[]> {
  const scope = escalationId ? or(isNull(legalHolds.escalationId), eq(legalHolds.escalationId, escalationId)) : undefined;
  const rows = await db
    .select()
    .from(legalHolds)
    .where(and(eq(legalHolds.systemId, systemId), scope))
    .orderBy(desc(legalHolds.placedAt), desc(legalHolds.id))
    .all();
  const names = new Map(
    (await db
      .select({ id: users.id, name: users.name })
      .from(users)
      .all())
      .map((u) => [u.id, u.name]),
  );
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return rows.map((h) => ({
    id: h.id,
    systemId: h.systemId,
    escalationId: h.escalationId,
    reason: h.reason,
    placedBy: names.get(h.placedBy) ?? h.placedBy,
    placedAt: iso(h.placedAt)!,
    liftedBy: h.liftedBy ? (names.get(h.liftedBy) ?? h.liftedBy) : null,
    liftedAt: iso(h.liftedAt),
    liftReason: h.liftReason,
  }));
}

function holdEntity(systemId: string, escalationId: string | null) {
  return escalationId ? { entityType: "escalation", entityId: escalationId } : { entityType: "ai_system", entityId: systemId };
}

/** The system a hold is about: the one named, or the escalation's. */
async function systemOf(db: Db | Tx, target: HoldTarget): Promise<string> {
  if (!target.escalationId) return (await systemById(db, target.systemId!)).id;
  const row = await db.select({ systemId: escalations.systemId }).from(escalations).where(eq(escalations.id, target.escalationId)).get();
  if (!row) throw new AppError("NOT_FOUND", "no such escalation", [{ path: "escalationId", message: "no escalation has this id" }]);
  if (target.systemId && target.systemId !== row.systemId) {
    throw new AppError("BAD_REQUEST", "the escalation is not one of this AI system's", [{ path: "escalationId", message: "not an escalation of this system" }]);
  }
  return row.systemId;
}
