import { and, count, eq, isNull } from "drizzle-orm";
import type { Outcome } from "@countersign/shared/enums";
import type { EscalationInput } from "@countersign/shared/escalation";
import type { Tx } from "../../db/client";
import { escalations, goldItems } from "../../db/schema/escalations";
import type { Actor } from "../../lib/context";
import { appendAudit } from "../../audit/append";
import { queuedEscalationRow } from "../escalations/row";
import { goldExternalId, nextArrival, shiftedDueAt } from "./draw";

type EscalationRow = typeof escalations.$inferSelect;

/** A known-wrong output is caught by anything but approval; a known-right one only by approval. */
export function caughtGold(expected: Outcome, outcome: Outcome): boolean {
  return expected === "approved" ? outcome === "approved" : outcome !== "approved";
}

/** Scores one reviewer's verification of a gold copy: whether it caught the known answer. Null for real items. */
export async function goldOutcome(tx: Tx, row: EscalationRow, outcome: Outcome): Promise<boolean | null> {
  if (!row.goldItemId) return null;
  const gold = await tx.select({ expectedOutcome: goldItems.expectedOutcome }).from(goldItems).where(eq(goldItems.id, row.goldItemId)).get();
  return gold ? caughtGold(gold.expectedOutcome, outcome) : null;
}

/**
 * Queues one copy of an active gold item, built exactly like a received escalation: a fresh id,
 * an externalId shaped like the system's recent real ones (a copy never reuses its template's, so
 * no reviewer sees one externalId twice), arriving at `receivedAt` with the template's due time
 * moved along. One copy waits at a time; a disputed copy no longer waits for reviewers.
 */
export async function queueGoldCopy(tx: Tx, actor: Actor, goldItemId: string, receivedAt: number, now: number, random: () => number) {
  const pending = await tx
    .select({ id: escalations.id })
    .from(escalations)
    .where(and(eq(escalations.goldItemId, goldItemId), eq(escalations.status, "queued"), isNull(escalations.disputedAt)))
    .get();
  if (pending) return pending.id;
  const gold = await tx.select().from(goldItems).where(eq(goldItems.id, goldItemId)).get();
  if (!gold?.active) return null;
  const template = gold.body as EscalationInput;
  const externalId = await goldExternalId(tx, gold.systemId, template.externalId, now, random);
  const dueAt = shiftedDueAt(template.dueAt, gold.createdAt, receivedAt);
  const body: EscalationInput = { ...template, externalId, ...(dueAt === undefined ? {} : { dueAt }) };
  const copy = { ...queuedEscalationRow(gold.systemId, body, receivedAt), goldItemId };
  await tx.insert(escalations).values(copy).run();
  await appendAudit(tx, actor, now, {
    action: "gold.copy_queued",
    entityType: "gold_item",
    entityId: goldItemId,
    payload: { escalationId: copy.id, externalId, receivedAt: new Date(receivedAt).toISOString() },
  });
  return copy.id;
}

/**
 * Once a copy has left the reviewers (decided or disputed), the next one is queued to arrive so
 * that, with every active gold item of the system cycling the same way, gold copies make up about
 * the gold rate's share of arrivals; served in queue order, that is their share of claims too.
 */
export async function queueNextGoldCopy(tx: Tx, row: EscalationRow, goldRate: number, now: number, random: () => number) {
  if (!row.goldItemId) return null;
  const active = (await tx
    .select({ n: count() })
    .from(goldItems)
    .where(and(eq(goldItems.systemId, row.systemId), eq(goldItems.active, true)))
    .get())!.n;
  const share = Math.max(goldRate, 0.01);
  const scale = (Math.max(active, 1) * (1 - share)) / share;
  return queueGoldCopy(tx, { type: "server" }, row.goldItemId, await nextArrival(tx, row.systemId, now, random, scale), now, random);
}
