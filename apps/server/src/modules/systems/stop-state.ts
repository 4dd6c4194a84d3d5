import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { aiSystems } from "../../db/schema/systems";
import { userNames } from "../users/queries";
import { listSystems } from "./queries";
import { users } from "../../db/schema/users";

export type StopState = {
  slug: string;
  state: "active" | "halted";
  reason: string | null;
  changedAt: string | null;
  /** The name of the person who last halted or resumed the system. */
  changedBy: string | null;
  /** Goes up by one with every halt and resume: a client refuses a state with a lower seq than one it has seen. */
  seq: number;
};

/**
 * The state an AI system polls, as one prepared statement (primary-key lookups only), so
 * polling every second costs next to nothing. `seenAt` says whether this state was read before.
 */
export function stopStateReader(db: Db) {
  const statement = db
    .select({
      slug: aiSystems.slug,
      state: aiSystems.state,
      reason: aiSystems.stateReason,
      changedAt: aiSystems.stateChangedAt,
      changedBy: sql<string | null>`coalesce(${users.name}, ${aiSystems.stateChangedBy})`,
      seq: aiSystems.stateSeq,
      seenAt: aiSystems.stateSeenAt,
    })
    .from(aiSystems)
    .leftJoin(users, eq(users.id, aiSystems.stateChangedBy))
    .where(eq(aiSystems.id, sql.placeholder("systemId")))
    .prepare();
  return (systemId: string): { state: StopState; seenAt: number | null } | null => {
    const row = statement.get({ systemId });
    if (!row) return null;
    const { seenAt, ...state } = row;
    return { state: { ...state, changedAt: state.changedAt === null ? null : new Date(state.changedAt).toISOString() }, seenAt };
  };
}

/** Every system as stored, plus the name of whoever last halted or resumed it, so every user sees a halt. */
export function listSystemsWithStopState(db: Db) {
  const systems = listSystems(db);
  const names = userNames(db, [...new Set(systems.flatMap((s) => (s.stateChangedBy ? [s.stateChangedBy] : [])))]);
  return systems.map((system) => ({
    ...system,
    stateChangedByName: system.stateChangedBy ? (names.get(system.stateChangedBy) ?? system.stateChangedBy) : null,
  }));
}
