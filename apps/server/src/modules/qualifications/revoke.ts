import { and, eq, isNull } from "drizzle-orm";
import { qualifications } from "../../db/schema/qualifications";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";

/** Revokes a qualification; the row stays so past verifications still name it. */
export async function revokeQualification(deps: Deps, actor: Actor, input: { qualificationId: string; reason: string }) {
  const now = deps.now();
  await write(deps.db, async (tx) => {
    const revoked = await tx
      .update(qualifications)
      .set({ revokedAt: now, revokedBy: actor.id ?? actor.type, revokeReason: input.reason })
      .where(and(eq(qualifications.id, input.qualificationId), isNull(qualifications.revokedAt)))
      .returning({ userId: qualifications.userId, systemId: qualifications.systemId })
      .get();
    if (!revoked) {
      throw new AppError("NOT_FOUND", "no qualification in the record with this id, or it is already revoked", [
        { path: "qualificationId", message: "unknown or already revoked" },
      ]);
    }
    await appendAudit(tx, actor, now, {
      action: "qualification.revoked",
      entityType: "qualification",
      entityId: input.qualificationId,
      payload: { userId: revoked.userId, systemId: revoked.systemId, reasonSha256: sha256(input.reason) },
    });
  });
}
