import { and, desc, eq, sql } from "drizzle-orm";
import type { EscalationInput } from "@countersign/shared/escalation";
import { escalations, goldItems } from "../../db/schema/escalations";
import { verifications } from "../../db/schema/reviews";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { withdrawGoldCopies } from "../escalations/lifecycle";

/** Gold items of a system with how often they were served and caught. */
export async function listGoldItems(deps: Deps, systemId: string) {
  const rows = await deps.db
    .select({
      id: goldItems.id,
      body: goldItems.body,
      expectedOutcome: goldItems.expectedOutcome,
      notes: goldItems.notes,
      active: goldItems.active,
      createdAt: goldItems.createdAt,
      // Qualified by table name: inside the subquery a bare "id" would be ambiguous.
      decisions: sql<number>`(SELECT count(*) FROM ${verifications} v JOIN ${escalations} e ON e.id = v.escalation_id WHERE e.gold_item_id = "gold_items"."id")`,
      caught: sql<number>`(SELECT count(*) FROM ${verifications} v JOIN ${escalations} e ON e.id = v.escalation_id WHERE e.gold_item_id = "gold_items"."id" AND v.gold_caught = TRUE)`,
    })
    .from(goldItems)
    .where(eq(goldItems.systemId, systemId))
    .orderBy(desc(goldItems.createdAt))
    .all();
  // The body is the escalation as an AI system would send it (validated when the item was added).
  return rows.map(({ body, ...item }) => {
    const template = body as Pick<EscalationInput, "externalId" | "escalationReason">;
    return { ...item, externalId: template.externalId, reasonCode: template.escalationReason.code };
  });
}

/**
 * Stops serving a gold item. A copy nobody has verified yet is withdrawn; one a reviewer has
 * verified settles like any escalation, so deactivating never shows a reviewer a gold copy
 * decided on fewer verifications than a real item needs.
 */
export async function deactivateGoldItem(deps: Deps, actor: Actor, goldItemId: string) {
  const now = deps.now();
  await write(deps.db, async (tx) => {
    const updated = await tx
      .update(goldItems)
      .set({ active: false })
      .where(and(eq(goldItems.id, goldItemId), eq(goldItems.active, true)))
      .returning({ id: goldItems.id })
      .get();
    if (!updated) throw new AppError("NOT_FOUND", "no active gold item with this id", [{ path: "goldItemId", message: "unknown or inactive" }]);
    const withdrawn = await withdrawGoldCopies(tx, goldItemId, now);
    await appendAudit(tx, actor, now, { action: "gold.deactivated", entityType: "gold_item", entityId: goldItemId, payload: { withdrawnEscalationIds: withdrawn } });
  });
}
