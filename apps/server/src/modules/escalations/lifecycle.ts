import { and, eq, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import type { AuditAction } from "@countersign/shared/audit";
import type { EscalationState, EscalationStatus } from "@countersign/shared/enums";
import type { EventType } from "@countersign/shared/events";
import type { OverdueAction } from "@countersign/shared/policy";
import type { Db, Tx } from "../../db/client";
import { dialectOf } from "../../db/dialect";
import { escalations } from "../../db/schema/escalations";
import type { Actor } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { prepared, statement, updateRow } from "../../lib/prepared";
import { engineOf } from "../../db/transaction";
import { afterCommit } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { appendOutbox } from "../outbox/append";
import { escalationResource } from "./resource";
import { wakeWaiters } from "./waiters";

/**
 * An escalation's life, in one place. The row stores `status` (queued, in_review, decided,
 * expired) with `disputedAt`, `purgedAt` and the lease; the state is derived from those here and
 * nowhere else. Every change of state goes through a transition below: it is refused (CONFLICT,
 * naming the state) from a state it does not leave, and it writes its audit entry and — for what
 * an AI system would care about — its outbox event, in the caller's transaction.
 */
type EscalationRow = typeof escalations.$inferSelect;

/** Whether a verification is recorded: only a queued item needs it, to tell "awaiting another verification" apart. */
type StateFacts = Pick<EscalationRow, "status" | "leaseExpiresAt" | "disputedAt" | "purgedAt"> & { verified?: boolean };

export const arrivalStatus = "queued" satisfies EscalationStatus;

/** The one derivation of an escalation's state. A lease that ran out is free again, even before the sweep. */
export function escalationState(row: StateFacts, now: number): EscalationState {
  if (row.purgedAt !== null) return "purged";
  if (row.status === "decided" || row.status === "expired") return row.status;
  if (row.status === "in_review" && (row.leaseExpiresAt ?? 0) > now) return "in_review";
  if (row.disputedAt !== null) return "disputed";
  return row.verified ? "awaiting_verification" : "queued";
}

/**
 * The status AI systems and the queue read. An item awaiting another verification or a lead's
 * resolution is in review from the AI system's side; a purged one keeps the status it ended with.
 * (The queue passes no `verified`: for the next reviewer an item awaiting another verification is queued.)
 */
export function publicStatus(row: StateFacts, now: number): EscalationStatus {
  const state = escalationState(row, now);
  if (state === "purged") return row.status;
  if (state === "awaiting_verification" || state === "disputed") return "in_review";
  return state;
}

const stateWords: Record<EscalationState, string> = {
  queued: "queued",
  in_review: "in review",
  awaiting_verification: "awaiting another verification",
  disputed: "disputed (awaiting a lead's resolution)",
  decided: "already decided",
  expired: "expired (its dueAt passed undecided)",
  purged: "purged after its retention period",
};

/** Which states each transition leaves. Queued and awaiting another verification never differ here. */
const transitions = {
  claim: { from: ["queued", "awaiting_verification"], verb: "claim" },
  take_up: { from: ["disputed"], verb: "take up" },
  release: { from: ["in_review"], verb: "release" },
  verify: { from: ["in_review"], verb: "record another verification of" },
  dispute: { from: ["in_review"], verb: "dispute" },
  decide: { from: ["in_review"], verb: "decide" },
  resolve: { from: ["disputed", "in_review"], verb: "resolve" },
  expire: { from: ["queued", "awaiting_verification", "in_review", "disputed"], verb: "expire" },
  reopen: { from: ["decided"], verb: "reopen" },
} satisfies Record<string, { from: EscalationState[]; verb: string }>;
type Transition = keyof typeof transitions;

function assertLeaves(transition: Transition, row: EscalationRow, now: number) {
  const state = escalationState(row, now);
  const { from, verb } = transitions[transition];
  if ((from as EscalationState[]).includes(state)) return;
  throw new AppError("CONFLICT", `cannot ${verb} this escalation: it is ${stateWords[state]}`, [
    { path: "escalationId", message: `escalation is ${state}` },
  ]);
}

/** What a transition's audit entry says; the entity is the escalation. */
export type Entry = { actor: Actor; action: AuditAction; payload?: Record<string, unknown> };

const freeLease = { leaseHolderId: null, claimedAt: null, leaseExpiresAt: null, activeMs: 0, lastHeartbeatAt: null };
const backInQueue = { status: "queued" as const, ...freeLease };

/**
 * Past dueAt, the expiry and a reviewer's decision are one transition each on the same row, in
 * IMMEDIATE transactions: whichever commits first is what the AI system is told, and the other is
 * refused (a decision on an expired escalation) or finds nothing left to expire.
 */
async function move(tx: Tx, row: EscalationRow, transition: Transition, now: number, set: Partial<EscalationRow>, entry: Entry): Promise<EscalationRow> {
  assertLeaves(transition, row, now);
  await updateRow(tx, escalations, row.id, set);
  // The row as stored now: read in this transaction, changed by exactly `set` (no trigger writes escalations).
  const moved = { ...row, ...set };
  await appendAudit(tx, entry.actor, now, { action: entry.action, entityType: "escalation", entityId: row.id, payload: entry.payload });
  if (set.status === "decided") await announce(tx, moved, "escalation.decided", now);
  if (set.status === "expired") await announce(tx, moved, "escalation.expired", now);
  return moved;
}

/**
 * Tells the AI system: the outbox event carries the escalation exactly as its REST GET returns it
 * (one builder, so the two never differ), and waiting GETs wake once the change has committed.
 * Gold copies are the reviewers' test, never the AI system's business: they announce nothing.
 */
async function announce(tx: Tx, row: EscalationRow, type: EventType, now: number) {
  if (row.goldItemId !== null) return;
  await appendOutbox(tx, now, { type, systemId: row.systemId, payload: await escalationResource(tx, row, now) });
  afterCommit(() => wakeWaiters(row.id));
}

export type Claim = { escalationId: string; claimedAt: number; leaseExpiresAt: number };

type ClaimOf<T> = Record<"reviewerId" | "now" | "escalationId", T>;

/** The claiming statement: with values, or with placeholders (prepared once, for the claim's hot path). */
const claimStatement = (db: Db | Tx, claim: ClaimOf<unknown>, rule: SQL = sql``) =>
  db
    .update(escalations)
    .set({
      status: "in_review",
      leaseHolderId: sql`${claim.reviewerId}`,
      claimedAt: sql`${claim.now}`,
      // The lease length is each system's policy, read inside the statement.
      leaseExpiresAt: sql`${claim.now} + 60000 * (SELECT ${sql.raw(dialectOf(db).jsonNumber("s.policy", "leaseMinutes"))} FROM ai_systems s WHERE s.id = ${escalations.systemId})`,
      activeMs: 0,
      lastHeartbeatAt: sql`${claim.now}`,
    })
    .where(sql`${escalations.id} = ${claim.escalationId} AND ${escalations.status} = 'queued' ${rule}`)
    .returning({ escalationId: escalations.id, claimedAt: escalations.claimedAt, leaseExpiresAt: escalations.leaseExpiresAt });
const claimPrepared = (db: Db | Tx) =>
  claimStatement(db, { reviewerId: sql.placeholder("reviewerId"), now: sql.placeholder("now"), escalationId: sql.placeholder("escalationId") }).prepare();

/**
 * queued / awaiting another verification → in review. The claim's hot path: one statement, its
 * guard in its WHERE (status queued, plus the caller's rules), and the claim's audit entry.
 */
export async function claimLease(tx: Tx, reviewerId: string, now: number, escalationId: string, rule?: SQL): Promise<Claim | undefined> {
  const values: ClaimOf<string | number> = { reviewerId, now, escalationId };
  const claim = (rule ? await claimStatement(tx, values, rule).get() : await prepared(tx, claimPrepared).get(values)) as Claim | undefined;
  if (!claim) return undefined;
  await appendAudit(tx, { type: "user", id: reviewerId }, now, {
    action: "escalation.claimed",
    entityType: "escalation",
    entityId: claim.escalationId,
    payload: { leaseExpiresAt: new Date(claim.leaseExpiresAt).toISOString() },
  });
  return claim;
}

/** disputed → in review, leased to a resolver who records a verification of their own. */
export async function takeUpDispute(tx: Tx, row: EscalationRow, resolverId: string, now: number, leaseExpiresAt: number) {
  await move(tx, row, "take_up", now, { status: "in_review", leaseHolderId: resolverId, claimedAt: now, leaseExpiresAt }, {
    actor: { type: "user", id: resolverId },
    action: "escalation.claimed",
    payload: { leaseExpiresAt: new Date(leaseExpiresAt).toISOString(), toResolve: true },
  });
}

/** in review → back where it was (queued, awaiting another verification, disputed): the holder hands it back. */
export async function releaseLease(tx: Tx, escalationId: string, reviewerId: string, now: number) {
  const released = await tx
    .update(escalations)
    .set(backInQueue)
    .where(and(eq(escalations.id, escalationId), eq(escalations.status, "in_review"), eq(escalations.leaseHolderId, reviewerId)))
    .returning({ id: escalations.id })
    .get();
  if (!released) {
    throw new AppError("CONFLICT", "you do not hold this escalation", [{ path: "escalationId", message: "not claimed by you" }]);
  }
  await appendAudit(tx, { type: "user", id: reviewerId }, now, { action: "escalation.released", entityType: "escalation", entityId: escalationId });
}

/**
 * in review → back where it was, for every lease the reviewer holds: someone who signs out is not
 * reviewing, and their items should not wait out the lease while others could take them.
 */
export async function releaseLeasesOnSignOut(tx: Tx, reviewerId: string, now: number) {
  const released = await tx
    .update(escalations)
    .set(backInQueue)
    .where(and(eq(escalations.status, "in_review"), eq(escalations.leaseHolderId, reviewerId)))
    .returning({ id: escalations.id })
    .all();
  for (const { id } of released) {
    await appendAudit(tx, { type: "user", id: reviewerId }, now, {
      action: "escalation.released",
      entityType: "escalation",
      entityId: id,
      payload: { reason: "signed_out" },
    });
  }
  return released.length;
}

/**
 * Every claim runs it first. On PostgreSQL claims run side by side: the probe locks the leases it
 * will free and skips those another claim is freeing, so no lease is freed (and audited) twice and
 * no claim waits for another — nor frees a lease the other has just claimed again.
 */
const expiredLeasesText = (lock: string) => `
  SELECT id, lease_holder_id AS holder, claimed_at AS "claimedAt", active_ms AS "activeMs"
    FROM escalations WHERE status = 'in_review' AND lease_expires_at <= :now${lock}`;
export const expiredLeases = { sqlite: expiredLeasesText(""), postgres: expiredLeasesText(" FOR UPDATE SKIP LOCKED") };
export type ExpiredLease = { id: string; holder: string; claimedAt: number; activeMs: number };

/**
 * in review → back where it was, for every lease that ran out, each with an audit entry. On SQLite
 * it runs inside the caller's IMMEDIATE transaction, so reading the expired rows and freeing them
 * cannot race; on PostgreSQL the freeing update's guard decides which of two transactions frees a lease.
 * `found`: the expired leases, when the caller has just read them with `expiredLeases` in its transaction.
 */
export async function expireLeases(tx: Tx, now: number, found?: ExpiredLease[]) {
  found ??= await statement(tx, expiredLeases[engineOf(tx)]).all<ExpiredLease>({ now });
  if (found.length === 0) return 0;
  const freed = await tx.update(escalations)
    .set(backInQueue)
    .where(and(inArray(escalations.id, found.map((e) => e.id)), eq(escalations.status, "in_review"), lte(escalations.leaseExpiresAt, now)))
    .returning({ id: escalations.id })
    .all();
  const freedIds = new Set(freed.map((row) => row.id));
  const expired = found.filter((lease) => freedIds.has(lease.id));
  for (const lease of expired) {
    await appendAudit(tx, { type: "server" }, now, {
      action: "escalation.lease_expired",
      entityType: "escalation",
      entityId: lease.id,
      payload: { reviewerId: lease.holder, claimedAt: lease.claimedAt, activeSeconds: Math.floor(lease.activeMs / 1000) },
    });
  }
  return expired.length;
}

/**
 * After a verification is stored: in review → awaiting another verification (back to the queue),
 * disputed (set aside for a lead) or decided. A resolver's own verification resolves the dispute.
 */
export async function settle(tx: Tx, row: EscalationRow, to: "awaiting_verification" | "disputed" | "decided", now: number, entry: Entry) {
  if (to === "awaiting_verification") await move(tx, row, "verify", now, backInQueue, entry);
  else if (to === "disputed") await move(tx, row, "dispute", now, { ...backInQueue, disputedAt: now }, entry);
  else await move(tx, row, row.disputedAt === null ? "decide" : "resolve", now, { status: "decided", decidedAt: now, ...freeLease }, entry);
}

/** disputed → decided by a resolution adopting one of the recorded verifications. */
export async function decideByResolution(tx: Tx, row: EscalationRow, now: number, entry: Entry) {
  await move(tx, row, "resolve", now, { status: "decided", decidedAt: now, ...freeLease }, entry);
}

/**
 * An open escalation whose dueAt passed → expired, under the system's onOverdue policy; a
 * reviewer's lease on it ends with it (their decision would now be refused anyway).
 */
export async function expire(tx: Tx, row: EscalationRow, onOverdue: OverdueAction, now: number) {
  const leaseHeld = row.status === "in_review" && (row.leaseExpiresAt ?? 0) > now;
  await move(tx, row, "expire", now, { status: "expired", expiredAt: now, onOverdue, ...freeLease }, {
    actor: { type: "server" },
    action: "escalation.expired",
    payload: {
      dueAt: row.dueAt,
      onOverdue,
      ...(leaseHeld ? { leaseReleasedFrom: row.leaseHolderId } : {}),
    },
  });
}

/**
 * decided → queued as the next review round (Art. 14(4)(d)): a person with the override authority
 * reopened the decision. The caller has marked the round's verifications and resolution superseded
 * and worked out the new round's due time (reviews/reopen.ts: reversal's due-time rule); here the
 * escalation starts the new round afresh (no decision, dispute or fetch of it yet, its own dueAt,
 * which the overdue sweep, queue health and the queue all read) and the AI system is told
 * `escalation.reopened`, then `escalation.decided` again when the round is decided.
 */
export async function reopen(tx: Tx, row: EscalationRow, now: number, dueAtMs: number | null, entry: Entry) {
  const due = { dueAtMs, dueAt: dueAtMs === null ? null : new Date(dueAtMs).toISOString() };
  const reopened = await move(tx, row, "reopen", now, { ...backInQueue, round: row.round + 1, decidedAt: null, disputedAt: null, decisionFetchedAt: null, ...due }, entry);
  await announce(tx, reopened, "escalation.reopened", now);
}

/**
 * A deactivated gold item's copies nobody has verified are withdrawn: queued → decided without a
 * verification. Gold copies announce nothing, so no event; the gold item's deactivation is the audit entry.
 */
export async function withdrawGoldCopies(tx: Tx, goldItemId: string, now: number): Promise<string[]> {
  return (await tx
    .update(escalations)
    .set({ status: "decided", decidedAt: now })
    .where(
      and(
        eq(escalations.goldItemId, goldItemId),
        eq(escalations.status, "queued"),
        sql`NOT EXISTS (SELECT 1 FROM verifications v WHERE v.escalation_id = ${escalations.id})`,
      ),
    )
    .returning({ id: escalations.id })
    .all())
    .map((r) => r.id);
}

const purgedText = "[purged after the retention period]";

/**
 * decided or expired → purged: the content goes, the status it ended with stays. One audit entry
 * for the batch, on the system (the caller deletes the verifications and what hangs off them).
 */
export async function purgeContent(tx: Tx, systemId: string, ids: string[], now: number, entry: Entry) {
  const purged = (await tx
    .update(escalations)
    .set({
      inputJson: JSON.stringify(purgedText),
      aiOutputJson: JSON.stringify(purgedText),
      contextSummary: purgedText,
      reasonExplanation: purgedText,
      evidence: null,
      metadata: null,
      matchedInputJson: null,
      purgedAt: now,
    })
    .where(and(inArray(escalations.id, ids), inArray(escalations.status, ["decided", "expired"]), isNull(escalations.purgedAt)))
    .run()).changes;
  if (purged !== ids.length) {
    throw new AppError("CONFLICT", `cannot purge ${ids.length - purged} of these escalations: only decided or expired ones are purged, once`);
  }
  await appendAudit(tx, entry.actor, now, { action: entry.action, entityType: "ai_system", entityId: systemId, payload: entry.payload });
}
