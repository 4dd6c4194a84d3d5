import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { escalations, goldItems } from "../../db/schema/escalations";
import { verifications } from "../../db/schema/reviews";
import { aiSystems } from "../../db/schema/systems";
import { users } from "../../db/schema/users";
import type { Deps } from "../../lib/context";
import { qualificationInForce, whyNotQualified } from "../qualifications/in-force";
import { shownContent } from "./shown-content";
import { inOrder } from "../../lib/in-order";

/**
 * Escalations whose independent verifications disagreed and that wait for a resolver, oldest
 * first, with every verification, and whether this user may resolve each (and if not, why). A gold
 * copy's disagreement reached its reviewers exactly as a real one does; the lead, who may know the
 * gold items, is told plainly that it is one and what it expects.
 */
export async function listDisputes(deps: Deps, userId: string, limit = 200) {
  const now = deps.now();
  const rows = await deps.db
    .select({ escalation: escalations, systemSlug: aiSystems.slug, systemName: aiSystems.name, goldExpects: goldItems.expectedOutcome })
    .from(escalations)
    .innerJoin(aiSystems, eq(aiSystems.id, escalations.systemId))
    .leftJoin(goldItems, eq(goldItems.id, escalations.goldItemId))
    // Open only: a dispute whose dueAt passed has expired, and nobody can resolve it any more.
    .where(and(isNotNull(escalations.disputedAt), inArray(escalations.status, ["queued", "in_review"])))
    .orderBy(asc(escalations.disputedAt))
    .limit(limit)
    .all();
  const ids = rows.map((r) => r.escalation.id);
  const verified = ids.length
    ? await deps.db
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
          supersededAt: verifications.supersededAt,
        })
        .from(verifications)
        .innerJoin(users, eq(users.id, verifications.reviewerId))
        .where(inArray(verifications.escalationId, ids))
        .orderBy(desc(verifications.decidedAt))
        .all()
    : [];
  const authority = new Map<string, { qualificationId: string | null; why: string | null }>();
  const authorityFor = async (systemId: string) => {
    let found = authority.get(systemId);
    if (!found) {
      const qualification = await qualificationInForce(deps.db, userId, systemId, now, "override");
      found = qualification
        ? { qualificationId: qualification.id, why: null }
        : { qualificationId: null, why: await whyNotQualified(deps.db, userId, systemId, now, "override") };
      authority.set(systemId, found);
    }
    return found;
  };
  return await inOrder(rows, async ({ escalation: row, systemSlug, systemName, goldExpects }) => {
      const content = shownContent(row);
      const everyRound = verified.filter((v) => v.escalationId === row.id);
      // The disagreement is this round's; a verifier of an earlier (reopened) round may not resolve it either.
      const mine = everyRound.filter((v) => v.supersededAt === null);
      const { qualificationId, why } = await authorityFor(row.systemId);
      const verifiedByMe = everyRound.some((v) => v.reviewerId === userId);
      const takenUp = row.status === "in_review" && (row.leaseExpiresAt ?? 0) > now ? row.leaseHolderId : null;
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
        verifications: mine.reverse(),
        /** May this user resolve it: a qualification in force granting override, and not one of its verifiers. */
        mayResolve: verifiedByMe
          ? { allowed: false, qualificationId, why: "you verified this escalation yourself; someone else with the override authority must resolve it" }
          : { allowed: qualificationId !== null, qualificationId, why },
        takenUpByMe: takenUp === userId,
        takenUpBySomeoneElse: takenUp !== null && takenUp !== userId,
      };
    });
}
