import type { Db, Tx } from "../../db/client";
import type { Actor } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { qualificationInForce, whyNotQualified } from "../qualifications/in-force";
import { rolesOf } from "../users/queries";

export type StopAuthority = { allowed: true; qualificationId: string | null } | { allowed: false; why: string };

/**
 * Who may press stop on one AI system (EU AI Act Art. 14(4)(e), Art. 26(2)): an admin, or a person
 * whose qualification for this system is in force and grants `stop`. A role alone is not authority.
 * The operator's CLI acts for the instance's owner and may always stop.
 */
export async function stopAuthority(db: Db | Tx, actor: Actor, systemId: string, now: number): Promise<StopAuthority> {
  if (actor.type !== "user") return { allowed: true, qualificationId: null };
  if ((await rolesOf(db, actor.id)).includes("admin")) return { allowed: true, qualificationId: null };
  const qualification = await qualificationInForce(db, actor.id, systemId, now, "stop");
  if (qualification) return { allowed: true, qualificationId: qualification.id };
  return { allowed: false, why: await whyNotQualified(db, actor.id, systemId, now, "stop") };
}

export async function assertMayStop(tx: Tx, actor: Actor, system: { id: string; slug: string }, verb: "halt" | "resume", now: number) {
  const authority = await stopAuthority(tx, actor, system.id, now);
  if (!authority.allowed) {
    throw new AppError(
      "FORBIDDEN",
      `you cannot ${verb} ${system.slug}: ${authority.why}; only admins and people whose qualification for this system grants stop may`,
      [{ path: "systemId", message: "no stop authority for this AI system" }],
    );
  }
  return authority;
}
