import { performance } from "node:perf_hooks";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { formatPercent } from "@countersign/shared/format";
import { overdueInstruction, type OverdueAction, type ReviewPolicy } from "@countersign/shared/policy";
import type { Db } from "../../db/client";
import { dialectOf } from "../../db/dialect";
import { auditLog } from "../../db/schema/audit";
import { escalations } from "../../db/schema/escalations";
import type { Deps } from "../../lib/context";
import { escalationTimeline } from "../audit/timeline";
import type { Window } from "../metrics/window";
import { userNames } from "../users/queries";

export type PolicyRule = { rule: string; name: string; setting: unknown; enforced: string };

/** Each setting by the name the policy form gives it: the readiness review never shows a schema key (a new setting must be named here). */
const ruleNames: Record<keyof ReviewPolicy, string> = {
  checklist: "Checklist",
  minRationaleChars: "Minimum rationale",
  minDwellSeconds: "Minimum time before approval",
  leaseMinutes: "Lease",
  maxLeaseMinutes: "Longest lease",
  dwellSecondsPer1000Chars: "Extra dwell per 1,000 characters",
  dwellPriorityFactor: "Dwell factor by priority",
  judgementFirst: "Judgement first",
  evidenceRequired: "Evidence required",
  attentionCheckRate: "Attention checks",
  goldRate: "Gold items",
  maxRationaleSimilarity: "Copied-rationale similarity",
  requiredVerifications: "Independent verifications required",
  retentionMonths: "Keep decided escalations for",
  onOverdue: "When the due time passes undecided",
};

/** What each review-policy setting makes the server refuse, worded for the readiness review. */
const ruleWording: Record<keyof ReviewPolicy, (value: never) => string> = {
  checklist: (items: ReviewPolicy["checklist"]) =>
    `A decision is refused until all ${items.length} checklist item${items.length === 1 ? " is" : "s are"} answered: ${items.map((i) => i.text).join("; ")}.`,
  minRationaleChars: (n: number) => `A decision is refused without a rationale of at least ${n} characters.`,
  minDwellSeconds: (n: number) =>
    `An approval is refused before ${n} seconds of active review, counted by the server from the review screen's heartbeats while it is visible and focused.`,
  leaseMinutes: (n: number) => `A claim lapses after ${n} minutes without activity and the escalation returns to the queue.`,
  maxLeaseMinutes: (n: number) =>
    `Activity extends a claim up to ${n} minutes after it began; a scaled minimum time is capped to fit within it.`,
  dwellSecondsPer1000Chars: (n: number) => `The minimum time grows by ${n} seconds per 1,000 characters to read.`,
  dwellPriorityFactor: (f: Record<string, number>) =>
    `The minimum time is multiplied by priority: ${Object.entries(f).map(([p, x]) => `${p} ×${x}`).join(", ")}.`,
  judgementFirst: (on: boolean) =>
    on ? "Reviewers record their own verdict before the AI output is shown." : "Reviewers see the AI output from the start.",
  evidenceRequired: (on: boolean) =>
    on ? "An approval is refused unless evidence was opened and named as supporting it." : "Opening evidence is not required.",
  attentionCheckRate: (share: number) =>
    share > 0 ? `${formatPercent(share)} of approvals pass an attention check first.` : "No attention checks are asked.",
  goldRate: (share: number) =>
    share > 0 ? `About ${formatPercent(share)} of claims serve a gold item with a known answer.` : "Gold items are served only when nothing else waits.",
  maxRationaleSimilarity: (limit: number) =>
    `A rationale more than ${formatPercent(limit)} similar to a recent one, or to the AI output, is refused.`,
  requiredVerifications: (n: number) =>
    n === 1
      ? "One qualified reviewer's verification decides an escalation."
      : `${n} different qualified reviewers verify each escalation without seeing each other's verification before it is decided.`,
  retentionMonths: (months: number | null) =>
    months === null
      ? "Decided escalations are kept indefinitely; audit entries are never purged."
      : `Escalation content is removed ${months} calendar months after its decision, unless a legal hold keeps it; audit entries stay.`,
  onOverdue: (action: OverdueAction) =>
    `An escalation still undecided at its due time expires and leaves the queue; the AI system is told: ${overdueInstruction[action]}.`,
};

/** The review policy rule by rule, as the server enforces it; a setting without wording is still listed. */
export function policyRules(policy: ReviewPolicy): PolicyRule[] {
  return Object.entries(policy as Record<string, unknown>).map(([rule, setting]) => ({
    rule,
    name: ruleNames[rule as keyof ReviewPolicy] ?? rule,
    setting,
    enforced: ruleWording[rule as keyof ReviewPolicy]?.(setting as never) ?? "Enforced by the server as set.",
  }));
}

/** How many escalations in the window arrived with at least one evidence item. */
export async function evidenceShare(db: Db, systemId: string, window: Window) {
  const row = await db.get<{ escalations: number; with_evidence: number }>(sql`SELECT count(*) AS escalations,
      count(*) FILTER (WHERE evidence IS NOT NULL AND ${sql.raw(dialectOf(db).jsonArrayLength("evidence"))} > 0) AS with_evidence
    FROM escalations WHERE system_id = ${systemId} AND received_at >= ${window.from} AND received_at < ${window.to}
      AND gold_item_id IS NULL`);
  const withEvidence = row.with_evidence;
  return { escalations: row.escalations, withEvidence, share: row.escalations > 0 ? withEvidence / row.escalations : null };
}

/** Times how long the full trail of the most recent escalation takes to retrieve, as an auditor would. */
export async function trailRetrieval(deps: Deps, systemId: string) {
  const latest = await deps.db
    .select({ id: escalations.id })
    .from(escalations)
    .where(and(eq(escalations.systemId, systemId), isNull(escalations.goldItemId)))
    .orderBy(desc(escalations.receivedAt))
    .limit(1)
    .get();
  if (!latest) return null;
  const started = performance.now();
  const entries = (await escalationTimeline(deps, latest.id)).length;
  return { escalationId: latest.id, entries, milliseconds: Number((performance.now() - started).toFixed(2)) };
}

/**
 * The last stop test: the last halt (and resume, if any) and whether the AI system read that halt
 * (its first read of the halt's state is an audit entry). A stop counts as tested only once the
 * halt was seen: a flag nobody reads stops nothing.
 */
export async function lastStopTest(db: Db, systemId: string) {
  const entries = await db
    .select({ seq: auditLog.seq, action: auditLog.action, at: auditLog.at, actorType: auditLog.actorType, actorId: auditLog.actorId, payload: auditLog.payload })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "ai_system"), eq(auditLog.entityId, systemId), inArray(auditLog.action, ["system.halted", "system.resumed", "system.state_seen"])))
    .orderBy(desc(auditLog.seq))
    .all();
  const changes = entries.filter((e) => e.action !== "system.state_seen");
  const latest = changes[0];
  const halt = changes.find((e) => e.action === "system.halted");
  if (!latest || !halt) return null;
  const nameOf = async (e: { actorType: string; actorId: string | null }) =>
    e.actorType === "user" && e.actorId ? ((await userNames(db, [e.actorId])).get(e.actorId) ?? e.actorId) : e.actorType;
  const payloadOf = (e: { payload: string }) => JSON.parse(e.payload) as { reason?: string; seq?: number };
  const haltSeq = payloadOf(halt).seq;
  const seen = entries.find((e) => e.action === "system.state_seen" && e.seq > halt.seq && haltSeq !== undefined && payloadOf(e).seq === haltSeq);
  return {
    action: latest.action === "system.halted" ? ("halted" as const) : ("resumed" as const),
    at: latest.at,
    by: await nameOf(latest),
    reason: payloadOf(latest).reason ?? null,
    halt: { at: halt.at, by: await nameOf(halt), reason: payloadOf(halt).reason ?? null },
    /** When the AI system first read the halt over GET /api/v1/system; null: not seen (yet). */
    haltSeenAt: seen?.at ?? null,
    seenAfterSeconds: seen ? (Date.parse(seen.at) - Date.parse(halt.at)) / 1000 : null,
    /** Passed only when the AI system saw the halt. */
    passed: seen !== undefined,
  };
}

/** The owner: the person who registered the system, from the audit log; null when it came from the CLI. */
export async function ownerOf(db: Db, systemId: string) {
  const created = await db
    .select({ actorType: auditLog.actorType, actorId: auditLog.actorId, at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "ai_system"), eq(auditLog.entityId, systemId), eq(auditLog.action, "system.created")))
    .limit(1)
    .get();
  if (created?.actorType !== "user" || !created.actorId) return null;
  const name = (await userNames(db, [created.actorId])).get(created.actorId);
  return name ? { userId: created.actorId, name, since: created.at } : null;
}

/**
 * Active people who may halt and resume this system: admins, and anyone whose qualification
 * for it is in force now and grants stop.
 */
export async function whoMayStop(db: Db, systemId: string, now: number) {
  const rows = await db.all<{ userId: string; name: string; role: string }>(sql`
    SELECT u.id AS userId, u.name AS name, r.role AS role FROM users u JOIN user_roles r ON r.user_id = u.id
     WHERE u.active = TRUE AND (r.role = 'admin' OR EXISTS (
       SELECT 1 FROM qualifications q WHERE q.user_id = u.id AND q.system_id = ${systemId} AND q.revoked_at IS NULL
          AND q.obtained_at <= ${now} AND q.expires_at > ${now}
          AND ${sql.raw(dialectOf(db).jsonArrayHas("q.authority", "'stop'"))}))
     ORDER BY u.name, r.role`);
  const people = new Map<string, { userId: string; name: string; roles: string[] }>();
  for (const row of rows) {
    const person = people.get(row.userId) ?? { userId: row.userId, name: row.name, roles: [] };
    person.roles.push(row.role);
    people.set(row.userId, person);
  }
  return [...people.values()];
}
