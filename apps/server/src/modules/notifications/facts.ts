import { sql } from "drizzle-orm";
import type { Priority } from "@countersign/shared/enums";
import type { NotificationTrigger } from "@countersign/shared/notifications";
import type { Db, Tx } from "../../db/client";
import type { NotificationSettings } from "./settings";

/**
 * One thing worth telling someone, with only what its recipients can already see: the system's
 * name, priority, since when it waits, the reason's kind (its code, never its explanation), the
 * page to open. No input, AI output, context or names of people.
 */
export type Fact = {
  key: string;
  trigger: NotificationTrigger;
  systemId: string | null;
  systemName: string | null;
  at: number;
  priority?: Priority;
  waitingSince?: number;
  dueAt?: number;
  reasonCode?: string;
  expiresAt?: number;
  /** For a qualification expiring: its holder, the only one who hears it. */
  holderId?: string;
  /** For a decision reopened: the escalation and the new round (its audience is the superseded round's people). */
  escalationId?: string;
  round?: number;
  /** The workbench page, without the origin. */
  path: string;
  /** The page for a recipient who cannot read the audit trail (a reviewer), when `path` needs it. */
  pathWithoutAuditTrail?: string;
};

const scanLimit = 200;

/** Open escalations found by the scans; each is noticed once per fact key (the facts table is checked in the query). */
type OpenRow = { id: string; systemId: string; systemName: string; priority: Priority; receivedAt: number; reasonCode: string; dueMs: number | null };

/**
 * A due date's fact is its round's: a reopened round has a deadline of its own (reviews/reopen.ts),
 * told again. The first round's key is the escalation's id alone, as it always was.
 */
const dueKey = (trigger: "due_soon" | "due_passed", id: string, round: number) => `${trigger}:${id}${round > 1 ? `:r${round}` : ""}`;

export async function urgentWaiting(tx: Db | Tx, now: number, settings: NotificationSettings): Promise<Fact[]> {
  const rows = await tx.all<OpenRow>(sql`
    SELECT e.id, e.system_id AS systemId, s.name AS systemName, e.priority, e.received_at AS receivedAt, e.reason_code AS reasonCode, NULL AS dueMs
      FROM escalations e JOIN ai_systems s ON s.id = e.system_id
     WHERE e.status IN ('queued', 'in_review') AND e.status = 'queued' AND e.priority_rank = 3 AND e.disputed_at IS NULL
       AND e.received_at <= ${now - settings.urgentAfterMinutes * 60_000}
       AND NOT EXISTS (SELECT 1 FROM notification_facts f WHERE f.key = 'urgent_waiting:' || e.id)
     ORDER BY e.received_at LIMIT ${scanLimit}`);
  return rows.map((row) => ({ ...openFact(row, "urgent_waiting", now), key: `urgent_waiting:${row.id}` }));
}

/** Due within M minutes: due_soon; already past: due_passed (an item first seen past its due date is told only that). */
export async function dueDates(tx: Db | Tx, now: number, settings: NotificationSettings): Promise<Fact[]> {
  // dueAt keeps the offset the AI system sent, so it is compared as the instant it names (due_at_ms),
  // read off the open escalations' due-time index.
  const rows = await tx.all<OpenRow & { round: number }>(sql`
    SELECT e.id, e.system_id AS systemId, s.name AS systemName, e.priority, e.received_at AS receivedAt, e.reason_code AS reasonCode,
           e.due_at_ms AS dueMs, e.round
      FROM escalations e JOIN ai_systems s ON s.id = e.system_id
     WHERE e.status IN ('queued', 'in_review') AND e.due_at_ms IS NOT NULL AND e.due_at_ms <= ${now + settings.dueWithinMinutes * 60_000}
       AND NOT EXISTS (SELECT 1 FROM notification_facts f
                        WHERE f.key = (CASE WHEN e.due_at_ms <= ${now} THEN 'due_passed:' ELSE 'due_soon:' END) || e.id
                                      || (CASE WHEN e.round > 1 THEN ':r' || e.round ELSE '' END))
     ORDER BY e.due_at_ms LIMIT ${scanLimit}`);
  return rows.map((row) => {
    const trigger = row.dueMs! <= now ? "due_passed" : "due_soon";
    return { ...openFact(row, trigger, now), key: dueKey(trigger, row.id, row.round), dueAt: row.dueMs! };
  });
}

export async function disputesWaiting(tx: Db | Tx, now: number): Promise<Fact[]> {
  const rows = await tx.all<OpenRow & { disputedAt: number }>(sql`
    SELECT e.id, e.system_id AS systemId, s.name AS systemName, e.priority, e.disputed_at AS receivedAt, e.reason_code AS reasonCode, NULL AS dueMs
      FROM escalations e JOIN ai_systems s ON s.id = e.system_id
     WHERE e.disputed_at IS NOT NULL AND e.status <> 'decided'
       AND NOT EXISTS (SELECT 1 FROM notification_facts f WHERE f.key = 'dispute_waiting:' || e.id || ':' || e.disputed_at)
     ORDER BY e.disputed_at LIMIT ${scanLimit}`);
  return rows.map((row) => ({ ...openFact(row, "dispute_waiting", now), key: `dispute_waiting:${row.id}:${row.receivedAt}`, path: "/disputes" }));
}

export async function qualificationsExpiring(tx: Db | Tx, now: number, settings: NotificationSettings): Promise<Fact[]> {
  const rows = await tx.all<{ id: string; userId: string; systemId: string; systemName: string; expiresAt: number }>(sql`
    SELECT q.id, q.user_id AS userId, q.system_id AS systemId, s.name AS systemName, q.expires_at AS expiresAt
      FROM qualifications q JOIN ai_systems s ON s.id = q.system_id
     WHERE q.revoked_at IS NULL AND q.expires_at > ${now} AND q.expires_at <= ${now + settings.qualificationWithinDays * 86_400_000}
       AND NOT EXISTS (SELECT 1 FROM notification_facts f WHERE f.key = 'qualification_expiring:' || q.id)
     ORDER BY q.expires_at LIMIT ${scanLimit}`);
  return rows.map((row) => ({
    key: `qualification_expiring:${row.id}`,
    trigger: "qualification_expiring",
    systemId: row.systemId,
    systemName: row.systemName,
    at: now,
    expiresAt: row.expiresAt,
    holderId: row.userId,
    path: "/queue",
  }));
}

function openFact(row: OpenRow, trigger: NotificationTrigger, now: number): Omit<Fact, "key"> {
  return {
    trigger,
    systemId: row.systemId,
    systemName: row.systemName,
    at: now,
    priority: row.priority,
    waitingSince: row.receivedAt,
    reasonCode: row.reasonCode,
    path: "/queue",
  };
}
