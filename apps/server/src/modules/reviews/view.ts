import { and, eq, gte } from "drizzle-orm";
import { escalations } from "../../db/schema/escalations";
import { evidenceOpenings } from "../../db/schema/reviews";
import { aiSystems } from "../../db/schema/systems";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { escalationResource } from "../escalations/resource";
import { shownContent, shownContentSha256 } from "./shown-content";

/**
 * The review screen's data for the reviewer holding the lease. Evidence comes as titles and
 * links only: its content is sent when the reviewer opens it, so every opening is recorded.
 */
export function reviewView(deps: Deps, reviewerId: string, escalationId: string) {
  const row = deps.db.select().from(escalations).where(eq(escalations.id, escalationId)).get();
  if (!row) throw new AppError("NOT_FOUND", "no such escalation", [{ path: "escalationId", message: "unknown id" }]);
  const now = deps.now();
  if (row.status !== "in_review" || row.leaseHolderId !== reviewerId || (row.leaseExpiresAt ?? 0) <= now) {
    throw new AppError("CONFLICT", "claim this escalation before reviewing it", [
      { path: "escalationId", message: "you do not hold a lease on it" },
    ]);
  }
  const system = deps.db.select().from(aiSystems).where(eq(aiSystems.id, row.systemId)).get()!;
  const content = shownContent(row);
  const opened = deps.db
    .selectDistinct({ index: evidenceOpenings.evidenceIndex })
    .from(evidenceOpenings)
    .where(
      and(
        eq(evidenceOpenings.escalationId, row.id),
        eq(evidenceOpenings.reviewerId, reviewerId),
        gte(evidenceOpenings.openedAt, row.claimedAt ?? 0),
      ),
    )
    .all()
    .map((o) => o.index);
  return {
    id: row.id,
    externalId: row.externalId,
    system: { slug: system.slug, name: system.name, oversightMode: system.oversightMode },
    policy: system.policy,
    priority: row.priority,
    receivedAt: row.receivedAt,
    dueAt: row.dueAt,
    ...content,
    evidence: content.evidence.map((item, index) => ({
      index,
      title: item.title,
      url: item.url ?? null,
      hasContent: item.content !== undefined,
      content: opened.includes(index) ? (item.content ?? null) : null,
      opened: opened.includes(index),
    })),
    contentSha256: shownContentSha256(row),
    claimedAt: row.claimedAt!,
    leaseExpiresAt: row.leaseExpiresAt!,
    serverNow: now,
  };
}

/** Read-only view for leads and auditors: the escalation as received and its decision. */
export function escalationDetail(deps: Deps, escalationId: string) {
  const row = deps.db.select().from(escalations).where(eq(escalations.id, escalationId)).get();
  if (!row) throw new AppError("NOT_FOUND", "no such escalation", [{ path: "escalationId", message: "unknown id" }]);
  const system = deps.db.select({ slug: aiSystems.slug, name: aiSystems.name }).from(aiSystems).where(eq(aiSystems.id, row.systemId)).get()!;
  return { ...escalationResource(deps.db, row), system, contentSha256: shownContentSha256(row) };
}
