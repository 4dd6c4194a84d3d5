import { eq } from "drizzle-orm";
import { escalations } from "../../db/schema/escalations";
import { judgements } from "../../db/schema/reviews";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { policyOf } from "./situation";
import { assertLeaseHolder } from "./lease-holder";

/** Judgement first: stores the reviewer's own verdict; after it, the AI output is revealed. */
export async function recordJudgement(
  deps: Deps,
  reviewerId: string,
  input: { escalationId: string; verdict: "approve" | "reject"; reason: string },
) {
  const now = deps.now();
  await write(deps.db, async (tx) => {
    const row = await tx.select().from(escalations).where(eq(escalations.id, input.escalationId)).get();
    assertLeaseHolder(row, reviewerId, now);
    if (!(await policyOf(tx, row.systemId)).judgementFirst) {
      throw new AppError("BAD_REQUEST", "this system does not ask for a judgement first", [
        { path: "verdict", message: "judgement first is off for this system" },
      ]);
    }
    const inserted = await tx
      .insert(judgements)
      .values({ escalationId: row.id, reviewerId, claimedAt: row.claimedAt!, verdict: input.verdict, reason: input.reason, recordedAt: now })
      .onConflictDoNothing()
      .returning({ verdict: judgements.verdict })
      .get();
    if (!inserted) {
      throw new AppError("CONFLICT", "your judgement is already recorded and cannot be changed", [
        { path: "verdict", message: "already recorded" },
      ]);
    }
    await appendAudit(tx, { type: "user", id: reviewerId }, now, {
      action: "escalation.judged",
      entityType: "escalation",
      entityId: row.id,
      payload: { verdict: input.verdict },
    });
  });
}
