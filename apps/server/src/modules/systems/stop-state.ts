import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { signValue, type SigningKey } from "../../audit/signing-key";
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

const stopStateColumns = {
  slug: aiSystems.slug,
  state: aiSystems.state,
  reason: aiSystems.stateReason,
  changedAt: aiSystems.stateChangedAt,
  changedBy: sql<string | null>`coalesce(${users.name}, ${aiSystems.stateChangedBy})`,
  seq: aiSystems.stateSeq,
  seenAt: aiSystems.stateSeenAt,
};

type StopStateRow = { slug: string; state: "active" | "halted"; reason: string | null; changedAt: number | null; changedBy: string | null; seq: number; seenAt: number | null };

function asStopState(row: StopStateRow | undefined): { state: StopState; seenAt: number | null } | null {
  if (!row) return null;
  const { seenAt, ...state } = row;
  return { state: { ...state, changedAt: state.changedAt === null ? null : new Date(state.changedAt).toISOString() }, seenAt };
}

/**
 * The state an AI system polls, as one prepared statement (primary-key lookups only), so
 * polling every second costs next to nothing. `seenAt` says whether this state was read before.
 */
export function stopStateReader(db: Db) {
  const statement = db
    .select(stopStateColumns)
    .from(aiSystems)
    .leftJoin(users, eq(users.id, aiSystems.stateChangedBy))
    .where(eq(aiSystems.id, sql.placeholder("systemId")))
    .prepare();
  return async (systemId: string) => asStopState(await statement.get({ systemId }));
}

/** The state as the transaction that changed it sees it, for the event that announces the change. */
export async function stopStateIn(tx: Tx, systemId: string) {
  return asStopState(await tx.select(stopStateColumns).from(aiSystems).leftJoin(users, eq(users.id, aiSystems.stateChangedBy)).where(eq(aiSystems.id, systemId)).get());
}

/**
 * The body of GET /api/v1/system: the state, when it was issued (whole seconds) and the key that
 * signed it, signed over its canonical JSON (RFC 8785). `system.halted` and `system.resumed`
 * webhooks carry the same body, so an AI system checks a pushed state exactly as a polled one.
 */
export function signedStopState(key: SigningKey, state: StopState, now: number) {
  const body = { ...state, issuedAt: new Date(Math.floor(now / 1000) * 1000).toISOString(), keyId: key.keyId };
  return { ...body, signature: signValue(key.privateKey, body) };
}

/** Every system as stored, plus the name of whoever last halted or resumed it, so every user sees a halt. */
export async function listSystemsWithStopState(db: Db) {
  const systems = await listSystems(db);
  const names = await userNames(db, [...new Set(systems.flatMap((s) => (s.stateChangedBy ? [s.stateChangedBy] : [])))]);
  return systems.map((system) => ({
    ...system,
    stateChangedByName: system.stateChangedBy ? (names.get(system.stateChangedBy) ?? system.stateChangedBy) : null,
  }));
}
