import { eq } from "drizzle-orm";
import { heartbeatSeconds, maxLeaseMinutesOf } from "@countersign/shared/policy";
import { escalations } from "../../db/schema/escalations";
import { aiSystems } from "../../db/schema/systems";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { escalationById } from "../escalations/by-id";
import { escalationResource } from "../escalations/resource";
import { systemById } from "../systems/queries";
import { currentInstructions } from "../instructions/read";
import { traceOf } from "../escalations/trace";
import { assertLeaseHolder } from "./lease-holder";
import { shownContent, shownContentSha256 } from "./shown-content";
import { policyOf, reviewSituation } from "./situation";

/**
 * The review screen's data for the reviewer holding the lease. Evidence comes as titles and
 * links only: its content is sent when the reviewer opens it, so every opening is recorded.
 * Under judgement first, the AI output and confidence are not sent until the verdict is in.
 * Nothing here differs between a gold item and a real one. The content's hash is not sent: the
 * screen never shows it, the decision stores it (computed there), and hashing a megabyte of
 * canonical JSON on every opening made a large escalation's screen wait for it.
 */
export async function reviewView(deps: Deps, reviewerId: string, escalationId: string) {
  // Statements prepared once per connection: "Decide & next" builds this view inside its write.
  const row = await escalationById(deps.db, escalationId);
  const now = deps.now();
  assertLeaseHolder(row, reviewerId, now);
  const system = await systemById(deps.db, row.systemId);
  const policy = await policyOf(deps.db, row.systemId);
  const { situation, judgement, attention } = await reviewSituation(deps.db, policy, row, reviewerId, now);
  const content = shownContent(row);
  const revealed = !policy.judgementFirst || judgement !== null;
  // The reviewer's copy of the policy: every rule they must meet, nothing about gold items.
  const { goldRate: _goldRate, ...reviewerPolicy } = policy;
  return {
    id: row.id,
    externalId: row.externalId,
    system: { slug: system.slug, name: system.name, oversightMode: system.oversightMode },
    policy: reviewerPolicy,
    priority: row.priority,
    receivedAt: row.receivedAt,
    dueAt: row.dueAt,
    input: content.input,
    model: content.model,
    escalationReason: content.escalationReason,
    contextSummary: content.contextSummary,
    trace: traceOf(row.traceparent, system.traceLinkTemplate),
    /** Art. 12(3) fields, only those the AI system sent (null when it sent none). */
    identification: "usePeriod" in content || "referenceDatabase" in content || "matchedInput" in content
      ? { usePeriod: content.usePeriod ?? null, referenceDatabase: content.referenceDatabase ?? null, matchedInput: content.matchedInput ?? null }
      : null,
    /** The provider's instructions for use in force (Art. 13, 26(1)); null when none are recorded. */
    instructions: await currentInstructions(deps.db, row.systemId),
    aiOutput: revealed ? content.aiOutput : null,
    confidence: revealed ? content.confidence : null,
    judgement,
    evidence: content.evidence.map((item, index) => {
      const opened = situation.evidenceOpened.includes(index);
      return {
        index,
        title: item.title,
        url: item.url ?? null,
        hasContent: item.content !== undefined,
        content: opened ? (item.content ?? null) : null,
        opened,
      };
    }),
    situation,
    attentionCheck: revealed && attention ? { question: attention.question, options: attention.options } : null,
    claimedAt: row.claimedAt,
    leaseExpiresAt: row.leaseExpiresAt!,
    /** Heartbeats extend the lease up to here, and no further. */
    leaseEndsAtLatest: row.claimedAt + maxLeaseMinutesOf(policy) * 60_000,
    heartbeatSeconds,
    serverNow: now,
  };
}

/** Read-only view for leads and auditors: the escalation as received and its decision. */
export async function escalationDetail(deps: Deps, escalationId: string) {
  const row = await deps.db.select().from(escalations).where(eq(escalations.id, escalationId)).get();
  if (!row) throw new AppError("NOT_FOUND", "no such escalation", [{ path: "escalationId", message: "unknown id" }]);
  const { traceLinkTemplate, ...system } = (await deps.db
    .select({ slug: aiSystems.slug, name: aiSystems.name, traceLinkTemplate: aiSystems.traceLinkTemplate })
    .from(aiSystems)
    .where(eq(aiSystems.id, row.systemId))
    .get())!;
  return {
    ...await escalationResource(deps.db, row, deps.now()),
    system,
    contentSha256: shownContentSha256(row),
    trace: traceOf(row.traceparent, traceLinkTemplate),
    /** A gold copy's decision is no AI system's business: it cannot be reopened. */
    gold: row.goldItemId !== null,
  };
}
