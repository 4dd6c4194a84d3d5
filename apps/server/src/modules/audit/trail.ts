import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { dialectOf } from "../../db/dialect";
import { auditLog, checkpoints } from "../../db/schema/audit";
import { escalations } from "../../db/schema/escalations";
import { qualifications } from "../../db/schema/qualifications";
import { judgements, reopenings, resolutions, verifications } from "../../db/schema/reviews";
import { aiSystems } from "../../db/schema/systems";
import type { Deps } from "../../lib/context";
import { escalationResource } from "../escalations/resource";
import { shownContent, shownContentSha256 } from "../reviews/shown-content";
import { userNames } from "../users/queries";
import { entryHashMatches } from "../../audit/chain";
import { existingSigningKey } from "../../audit/signing-key";
import { inOrder } from "../../lib/in-order";

type EscalationRow = typeof escalations.$inferSelect;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The auditor's trail of one AI output, found by escalation id or by externalId in any system:
 * what was received, exactly what was shown (and its SHA-256), who claimed and decided what,
 * when, after how much active time, under which qualification, the resolution, and for every
 * audit entry the proof that it is in the log. Every lookup is by an index.
 */
export async function auditTrail(deps: Deps, query: string) {
  const found = await deps.db
    .select()
    .from(escalations)
    // In byte order, as escalations_external_idx holds it on PostgreSQL (equal either way).
    .where(or(eq(escalations.id, query), sql`${sql.raw(dialectOf(deps.db).bytewise(`"external_id"`))} = ${query}`))
    .orderBy(asc(escalations.receivedAt))
    .limit(20)
    .all();
  const key = existingSigningKey(deps.db);
  return {
    query,
    publicKey: key ? { pem: key.publicKeyPem, keyId: key.keyId } : null,
    matches: await inOrder(found, (row) => trailOf(deps.db, row, deps.now())),
  };
}

async function trailOf(db: Db, row: EscalationRow, now: number) {
  const system = (await db.select().from(aiSystems).where(eq(aiSystems.id, row.systemId)).get())!;
  const resource = await escalationResource(db, row, now);
  const shownSha256 = shownContentSha256(row);
  const verified = await db.select().from(verifications).where(eq(verifications.escalationId, row.id)).orderBy(asc(verifications.decidedAt)).all();
  const resolved = await db.select().from(resolutions).where(eq(resolutions.escalationId, row.id)).orderBy(asc(resolutions.round)).all();
  // The resolution of the round in force; a reopened round's is listed with its reopening.
  const resolution = resolved.find((r) => r.round === row.round) ?? null;
  const reopened = await db.select().from(reopenings).where(eq(reopenings.escalationId, row.id)).orderBy(asc(reopenings.round)).all();
  const qualificationIds = [
    ...new Set([
      ...verified.flatMap((v) => (v.qualificationId ? [v.qualificationId] : [])),
      ...resolved.flatMap((r) => (r.qualificationId ? [r.qualificationId] : [])),
      ...reopened.flatMap((r) => (r.qualificationId ? [r.qualificationId] : [])),
    ]),
  ];
  const quals = qualificationIds.length ? await db.select().from(qualifications).where(inArray(qualifications.id, qualificationIds)).all() : [];
  const qualificationOf = (id: string | null) => {
    const q = quals.find((x) => x.id === id);
    return q ? { id: q.id, training: q.training, obtainedAt: iso(q.obtainedAt)!, expiresAt: iso(q.expiresAt)!, authority: q.authority } : null;
  };
  const judged = await db.select().from(judgements).where(eq(judgements.escalationId, row.id)).all();
  // Two indexed lookups (entity_type, entity_id), merged: an OR across them would scan the log.
  const entries = [
    ...await db.select().from(auditLog).where(and(eq(auditLog.entityType, "escalation"), eq(auditLog.entityId, row.id))).all(),
    ...(qualificationIds.length
      ? await db.select().from(auditLog).where(and(eq(auditLog.entityType, "qualification"), inArray(auditLog.entityId, qualificationIds))).all()
      : []),
  ].sort((a, b) => a.seq - b.seq);
  const people = new Set([...verified.map((v) => v.reviewerId), ...resolved.map((r) => r.leadId), ...reopened.map((r) => r.reopenedBy)]);
  for (const e of entries) if (e.actorType === "user" && e.actorId) people.add(e.actorId);
  const names = await userNames(db, [...people]);
  const name = (id: string) => names.get(id) ?? id;
  const firstCheckpoint = db
    .select()
    .from(checkpoints)
    .where(sql`${checkpoints.size} >= ${sql.placeholder("seq")}`)
    .orderBy(asc(checkpoints.size))
    .limit(1)
    .prepare();

  return {
    escalation: {
      id: row.id,
      externalId: row.externalId,
      system: { id: system.id, slug: system.slug, name: system.name, oversightMode: system.oversightMode },
      status: resource.status,
      gold: row.goldItemId !== null,
      receivedAt: iso(row.receivedAt)!,
      decidedAt: iso(row.decidedAt),
      purgedAt: iso(row.purgedAt),
      /** The review round in force: 1, plus one per reopening below. */
      round: row.round,
      /** The due time of the round in force (a reopened round has its own). */
      dueAt: resource.dueAt ?? null,
      requestHash: row.requestHash,
    },
    /** Everything received from the AI system, as stored. */
    received: {
      input: resource.input,
      aiOutput: resource.aiOutput,
      confidence: resource.confidence,
      model: resource.model,
      escalationReason: resource.escalationReason,
      contextSummary: resource.contextSummary,
      evidence: resource.evidence ?? [],
      priority: resource.priority,
      // As the AI system sent it: a reopened round's own dueAt is the escalation's, the first round's is kept with the first reopening.
      dueAt: reopened[0]?.previousDueAt ?? resource.dueAt ?? null,
      metadata: resource.metadata ?? null,
    },
    /** Exactly what the review screen showed, and the SHA-256 each verification recorded of it. */
    shown: { content: shownContent(row), sha256: shownSha256 },
    claims: entries
      .filter((e) => e.action === "escalation.claimed")
      .map((e) => ({ reviewerId: e.actorId, reviewerName: e.actorId ? name(e.actorId) : null, at: e.at, seq: e.seq })),
    verifications: verified.map((v) => {
      const judgement = judged.find((j) => j.reviewerId === v.reviewerId && j.claimedAt === v.claimedAt);
      return {
        id: v.id,
        reviewerId: v.reviewerId,
        reviewerName: name(v.reviewerId),
        claimedAt: iso(v.claimedAt)!,
        decidedAt: iso(v.decidedAt)!,
        activeSeconds: v.activeSeconds,
        requiredDwellSeconds: v.requiredDwellSeconds,
        outcome: v.outcome,
        rationale: v.rationale,
        correctedOutput: v.correctedOutput,
        checklist: v.checklist,
        evidenceOpened: v.evidenceOpened,
        supportingEvidence: v.supportingEvidence ?? [],
        judgement: judgement ? { verdict: judgement.verdict, reason: judgement.reason, recordedAt: iso(judgement.recordedAt)! } : null,
        attentionCorrect: v.attentionCorrect,
        goldCaught: v.goldCaught,
        contentSha256: v.contentSha256,
        /** The reviewer saw what is stored now: the hashes agree. */
        contentMatchesShown: v.contentSha256 === shownSha256,
        qualification: qualificationOf(v.qualificationId),
        round: v.round,
        /** When its round's decision was reopened: kept in the record, no longer in force. */
        supersededAt: iso(v.supersededAt),
      };
    }),
    resolution: resolution
      ? {
          id: resolution.id,
          leadId: resolution.leadId,
          leadName: name(resolution.leadId),
          outcome: resolution.outcome,
          rationale: resolution.rationale,
          correctedOutput: resolution.correctedOutput,
          resolvedAt: iso(resolution.resolvedAt)!,
          /** adopted: one of the verifications above; own_verification: the resolver's own, listed above. */
          basis: resolution.basis,
          verificationId: resolution.verificationId,
          /** The resolver's qualification in force (override authority) when they resolved. */
          qualification: qualificationOf(resolution.qualificationId),
        }
      : null,
    /** Each reopening (Art. 14(4)(d)): who reopened which round's decision, when, why, under which qualification, and what it superseded. */
    reopenings: reopened.map((r) => {
      const superseded = resolved.find((x) => x.round === r.round - 1);
      return {
        id: r.id,
        round: r.round,
        reopenedBy: r.reopenedBy,
        reopenedByName: name(r.reopenedBy),
        reopenedAt: iso(r.reopenedAt)!,
        reason: r.reason,
        qualification: qualificationOf(r.qualificationId),
        previousDecidedAt: iso(r.previousDecidedAt),
        previousDecisionFetchedAt: iso(r.previousDecisionFetchedAt),
        previousDisputedAt: iso(r.previousDisputedAt),
        previousDueAt: r.previousDueAt,
        supersededResolution: superseded
          ? { id: superseded.id, leadName: name(superseded.leadId), outcome: superseded.outcome, resolvedAt: iso(superseded.resolvedAt)! }
          : null,
      };
    }),
    decision: resource.decision ?? null,
    auditEntries: await inOrder(entries, async (e) => {
          const checkpoint = await firstCheckpoint.get({ seq: e.seq });
          return {
            seq: e.seq,
            at: e.at,
            action: e.action,
            actorType: e.actorType,
            actorId: e.actorId,
            actorName: e.actorType === "user" && e.actorId ? name(e.actorId) : e.actorType.replace("_", " "),
            entityType: e.entityType,
            entityId: e.entityId,
            payload: JSON.parse(e.payload) as Record<string, unknown>,
            hash: e.hash,
            prevHash: e.prevHash,
            /** The entry's content still hashes to its hash. */
            hashValid: entryHashMatches(e, e.hash),
            /** The first signed checkpoint at or after the entry: the chain from it to the checkpoint's head proves it is in the log. Null until one is signed. */
            checkpoint: checkpoint
              ? { seq: checkpoint.seq, size: checkpoint.size, head: checkpoint.head, at: checkpoint.at, signature: checkpoint.signature, keyId: checkpoint.keyId }
              : null,
          };
        }),
  };
}
