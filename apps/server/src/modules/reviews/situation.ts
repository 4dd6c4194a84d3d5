import { and, eq, gte, sql } from "drizzle-orm";
import { reviewPolicySchema, type ReviewPolicy } from "@countersign/shared/policy";
import { dwellRequirement, type ReviewSituation } from "@countersign/shared/review";
import type { Db, Tx } from "../../db/client";
import type { escalations } from "../../db/schema/escalations";
import { evidenceOpenings, judgements } from "../../db/schema/reviews";
import { prepared, statement } from "../../lib/prepared";
import { attentionCheckAsked, attentionSeed, buildAttentionCheck } from "./attention-check";

type EscalationRow = typeof escalations.$inferSelect;

// Every decision reads these: prepared once per database.
const claim = { escalationId: sql.placeholder("escalationId"), reviewerId: sql.placeholder("reviewerId"), claimedAt: sql.placeholder("claimedAt") };
const evidenceOpenedInClaim = (db: Db | Tx) =>
  db
    .selectDistinct({ index: evidenceOpenings.evidenceIndex })
    .from(evidenceOpenings)
    .where(
      and(
        eq(evidenceOpenings.escalationId, claim.escalationId),
        eq(evidenceOpenings.reviewerId, claim.reviewerId),
        gte(evidenceOpenings.openedAt, claim.claimedAt),
      ),
    )
    .prepare();
const judgementInClaim = (db: Db | Tx) =>
  db
    .select({ verdict: judgements.verdict, reason: judgements.reason })
    .from(judgements)
    .where(and(eq(judgements.escalationId, claim.escalationId), eq(judgements.reviewerId, claim.reviewerId), eq(judgements.claimedAt, claim.claimedAt)))
    .prepare();

/**
 * Stored policies are parsed on read, so rules added later apply with their defaults. Every
 * decision reads its system's policy: the text is read each time (an edit applies to the next
 * decision, whichever process made it) and parsed once per distinct text, frozen because callers share it.
 */
export async function policyOf(db: Db | Tx, systemId: string): Promise<ReviewPolicy> {
  const text = await statement(db, "SELECT policy FROM ai_systems WHERE id = ?").value<string>(systemId);
  if (text === undefined) return reviewPolicySchema.parse(undefined);
  let policy = parsedPolicies.get(text);
  if (!policy) {
    policy = deepFreeze(reviewPolicySchema.parse(JSON.parse(text)));
    if (parsedPolicies.size >= policiesKept) parsedPolicies.delete(parsedPolicies.keys().next().value!);
    parsedPolicies.set(text, policy);
  }
  return policy;
}

const policiesKept = 200;
const parsedPolicies = new Map<string, ReviewPolicy>();

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

/** Characters there is to read: what the dwell time scales with. */
export function readableChars(row: EscalationRow): number {
  const evidence = (row.evidence ?? []).reduce((n, item) => n + item.title.length + (item.content?.length ?? 0), 0);
  return row.inputJson.length + row.aiOutputJson.length + row.contextSummary.length + row.reasonExplanation.length + evidence;
}

export function aiOutputText(row: EscalationRow): string {
  const value: unknown = JSON.parse(row.aiOutputJson);
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

/** Everything the review rules need to know about this reviewer's current claim. */
export async function reviewSituation(db: Db | Tx, policy: ReviewPolicy, row: EscalationRow, reviewerId: string, now: number) {
  const claimedAt = row.claimedAt ?? now;
  const ofClaim = { escalationId: row.id, reviewerId, claimedAt };
  const evidenceOpened = (await prepared(db, evidenceOpenedInClaim)
    .all(ofClaim))
    .map((o) => o.index)
    .sort((a, b) => a - b);
  const judgement = await prepared(db, judgementInClaim).get(ofClaim) ?? null;
  const seed = attentionSeed(row.id, reviewerId, claimedAt);
  const attention = attentionCheckAsked(policy, seed)
    ? buildAttentionCheck(seed, aiOutputText(row), `${row.inputJson} ${row.contextSummary}`)
    : null;
  const dwell = dwellRequirement(policy, readableChars(row), row.priority);
  const situation: ReviewSituation = {
    // Only heartbeats the server credited count: whatever the browser says, time in a hidden tab earns nothing.
    activeSeconds: row.activeMs / 1000,
    requiredDwellSeconds: dwell.seconds,
    dwellCapped: dwell.capped,
    evidenceCount: row.evidence?.length ?? 0,
    evidenceOpened,
    judgementRecorded: judgement !== null,
    attentionCheckAsked: attention !== null,
  };
  return { situation, judgement, attention };
}
