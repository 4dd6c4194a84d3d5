import { eq } from "drizzle-orm";
import { grantQualificationInputSchema, type GrantQualificationInput } from "@countersign/shared/qualifications";
import { qualifications } from "../../db/schema/qualifications";
import { users } from "../../db/schema/users";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { newId, sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { systemById } from "../systems/queries";
import { rolesOf } from "../users/queries";

/** Records a reviewer's (or a lead's) training and the authority granted for one AI system (EU AI Act Art. 26(2)). */
export async function grantQualification(deps: Deps, actor: Actor, input: GrantQualificationInput) {
  const { userId, systemId, training, authority, ...dates } = grantQualificationInputSchema.parse(input);
  const obtainedAt = Date.parse(dates.obtainedAt);
  const expiresAt = Date.parse(dates.expiresAt);
  const now = deps.now();
  if (expiresAt <= now) {
    throw new AppError("BAD_REQUEST", "expiresAt is already past: an expired qualification authorises nothing", [
      { path: "expiresAt", message: "must be in the future" },
    ]);
  }
  const id = newId("qual");
  await write(deps.db, async (tx) => {
    const user = await tx.select({ id: users.id, active: users.active }).from(users).where(eq(users.id, userId)).get();
    if (!user) throw new AppError("NOT_FOUND", "no such user", [{ path: "userId", message: "no user has this id" }]);
    // Leads may hold override (to resolve disputes) and stop, but only reviewers claim, so review needs the role.
    const roles = await rolesOf(tx, userId);
    if (!roles.includes("reviewer") && !(roles.includes("lead") && !authority.includes("review"))) {
      throw new AppError(
        "BAD_REQUEST",
        roles.includes("lead")
          ? "the review authority is for reviewers: give this lead the reviewer role first, or grant only override and stop"
          : "qualifications are for reviewers and leads: give this user the reviewer role first",
        [{ path: "userId", message: roles.includes("lead") ? "a lead without the reviewer role cannot be granted review" : "the user is neither a reviewer nor a lead" }],
      );
    }
    await systemById(tx, systemId);
    await tx.insert(qualifications)
      .values({ id, userId, systemId, training, obtainedAt, expiresAt, authority, grantedBy: actor.id ?? actor.type, grantedAt: now })
      .run();
    await appendAudit(tx, actor, now, {
      action: "qualification.granted",
      entityType: "qualification",
      entityId: id,
      // The training text may describe the person; the log keeps its hash.
      payload: {
        userId,
        systemId,
        trainingSha256: sha256(training),
        obtainedAt: new Date(obtainedAt).toISOString(),
        expiresAt: new Date(expiresAt).toISOString(),
        authority,
      },
    });
  });
  return { id, userId, systemId, training, obtainedAt, expiresAt, authority };
}
