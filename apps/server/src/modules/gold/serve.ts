import { and, eq } from "drizzle-orm";
import type { Outcome } from "@countersign/shared/enums";
import type { Tx } from "../../db/client";
import { escalations, goldItems } from "../../db/schema/escalations";
import { newId } from "../../lib/hash";

type EscalationRow = typeof escalations.$inferSelect;

/** A known-wrong output is caught by anything but approval; a known-right one only by approval. */
export function caughtGold(expected: Outcome, outcome: Outcome): boolean {
  return expected === "approved" ? outcome === "approved" : outcome !== "approved";
}

/**
 * For a gold copy being decided: scores the reviewer, and puts a fresh copy back in the queue
 * (for reviewers who have not seen it yet) while the gold item is active. Null for real items.
 */
export function goldOutcome(tx: Tx, row: EscalationRow, outcome: Outcome, now: number): boolean | null {
  if (!row.goldItemId) return null;
  const gold = tx.select().from(goldItems).where(eq(goldItems.id, row.goldItemId)).get();
  if (!gold) return null;
  if (gold.active) queueGoldCopy(tx, gold.id, now);
  return caughtGold(gold.expectedOutcome, outcome);
}

/** Queues one copy of a gold item, built exactly like a received escalation. */
export function queueGoldCopy(tx: Tx, goldItemId: string, now: number) {
  const pending = tx
    .select({ id: escalations.id })
    .from(escalations)
    .where(and(eq(escalations.goldItemId, goldItemId), eq(escalations.status, "queued")))
    .get();
  if (pending) return pending.id;
  const template = tx
    .select()
    .from(escalations)
    .where(eq(escalations.goldItemId, goldItemId))
    .orderBy(escalations.receivedAt)
    .limit(1)
    .get();
  if (!template) return null;
  const id = newId("esc");
  tx.insert(escalations)
    .values({
      ...template,
      id,
      status: "queued",
      leaseHolderId: null,
      claimedAt: null,
      leaseExpiresAt: null,
      decidedAt: null,
      receivedAt: now,
    })
    .run();
  return id;
}
