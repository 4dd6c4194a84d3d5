import { and, asc, desc, eq, inArray, isNotNull, ne } from "drizzle-orm";
import { escalations, goldItems } from "../../db/schema/escalations";
import { verifications } from "../../db/schema/reviews";
import { aiSystems } from "../../db/schema/systems";
import { users } from "../../db/schema/users";
import type { Deps } from "../../lib/context";
import { shownContent } from "./shown-content";

/**
 * Escalations whose independent verifications disagreed and that wait for a lead, oldest first,
 * with every verification. A gold copy's disagreement reached its reviewers exactly as a real one
 * does; the lead, who may know the gold items, is told plainly that it is one and what it expects.
 */
export function listDisputes(deps: Deps, limit = 200) {
  const rows = deps.db
    .select({ escalation: escalations, systemSlug: aiSystems.slug, systemName: aiSystems.name, goldExpects: goldItems.expectedOutcome })
    .from(escalations)
    .innerJoin(aiSystems, eq(aiSystems.id, escalations.systemId))
    .leftJoin(goldItems, eq(goldItems.id, escalations.goldItemId))
    .where(and(isNotNull(escalations.disputedAt), ne(escalations.status, "decided")))
    .orderBy(asc(escalations.disputedAt))
    .limit(limit)
    .all();
  const ids = rows.map((r) => r.escalation.id);
  const verified = ids.length
    ? deps.db
        .select({
          id: verifications.id,
          escalationId: verifications.escalationId,
          reviewerId: verifications.reviewerId,
          reviewerName: users.name,
          outcome: verifications.outcome,
          rationale: verifications.rationale,
          correctedOutput: verifications.correctedOutput,
          checklist: verifications.checklist,
          activeSeconds: verifications.activeSeconds,
          decidedAt: verifications.decidedAt,
        })
        .from(verifications)
        .innerJoin(users, eq(users.id, verifications.reviewerId))
        .where(inArray(verifications.escalationId, ids))
        .orderBy(desc(verifications.decidedAt))
        .all()
    : [];
  return rows.map(({ escalation: row, systemSlug, systemName, goldExpects }) => {
    const content = shownContent(row);
    return {
      id: row.id,
      externalId: row.externalId,
      system: { slug: systemSlug, name: systemName },
      priority: row.priority,
      receivedAt: row.receivedAt,
      disputedAt: row.disputedAt!,
      input: content.input,
      aiOutput: content.aiOutput,
      confidence: content.confidence,
      escalationReason: content.escalationReason,
      contextSummary: content.contextSummary,
      gold: goldExpects ? { expectedOutcome: goldExpects } : null,
      verifications: verified.filter((v) => v.escalationId === row.id).reverse(),
    };
  });
}
