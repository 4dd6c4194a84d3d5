import { sql } from "drizzle-orm";
import { eventTypeSchema, type EventType } from "@countersign/shared/events";
import type { NotificationTrigger } from "@countersign/shared/notifications";
import type { Tx } from "../../db/client";
import type { Fact } from "./facts";

const cursorName = "outbox";
const batch = 500;
/** On the very first run, events older than this are history, not news: a new instance does not replay them. */
const firstRunLookbackMs = 24 * 60 * 60_000;

type Told = {
  trigger: NotificationTrigger;
  page: (systemId: string, payload: Record<string, unknown>) => string;
  /** What else the fact carries from the event (never the AI system's content). */
  about?: (payload: Record<string, unknown>) => Partial<Fact>;
};

const escalationPage = (payload: Record<string, unknown>) => (typeof payload.id === "string" ? `/escalations/${encodeURIComponent(payload.id)}` : "/queue");

const triggerOf: Partial<Record<EventType, Told>> = {
  "system.halted": { trigger: "system_halted", page: (systemId) => `/systems/${systemId}` },
  "system.resumed": { trigger: "system_resumed", page: (systemId) => `/systems/${systemId}` },
  "verification_rate.drift_raised": { trigger: "drift_raised", page: (systemId) => `/systems/${systemId}` },
  "webhook_endpoint.disabled": { trigger: "webhook_disabled", page: (systemId) => `/admin/systems/${systemId}` },
  "escalation.expired": { trigger: "escalation_expired", page: (_systemId, payload) => escalationPage(payload) },
  // The escalation's page is the audit trail, which reviewers do not read: they are sent to the queue, where it is back.
  "escalation.reopened": {
    trigger: "decision_reopened",
    page: (_systemId, payload) => escalationPage(payload),
    about: (payload) => ({
      ...(typeof payload.id === "string" ? { escalationId: payload.id } : {}),
      ...(typeof payload.round === "number" ? { round: payload.round } : {}),
      pathWithoutAuditTrail: "/queue",
    }),
  },
};

type OutboxRow = { id: number; type: string; systemId: string; systemName: string; payload: string; createdAt: number };

/**
 * The outbox events that concern people, read after the notifications' own cursor (the webhooks
 * worker marks deliveredAt for AI systems; that column is not ours). Returns the facts and the
 * cursor to store in the same transaction as them.
 *
 * A cursor misses no event on PostgreSQL either, where transactions commit side by side: every
 * event is written after its change's audit entry, under the audit log's lock held until commit
 * (audit/append.ts), so events commit in the order of their ids.
 */
export async function outboxFacts(tx: Tx, now: number): Promise<{ facts: Fact[]; cursor: number | null }> {
  const stored = await tx.get<{ last: number } | undefined>(sql`SELECT last_outbox_id AS last FROM notification_cursors WHERE name = ${cursorName}`);
  const after =
    stored?.last ??
    (await tx.get<{ last: number }>(sql`SELECT coalesce(max(id), 0) AS last FROM outbox_events WHERE created_at < ${now - firstRunLookbackMs}`)).last;
  const rows = await tx.all<OutboxRow>(sql`
    SELECT o.id, o.type, o.system_id AS systemId, s.name AS systemName, o.payload, o.created_at AS createdAt
      FROM outbox_events o JOIN ai_systems s ON s.id = o.system_id
     WHERE o.id > ${after} ORDER BY o.id LIMIT ${batch}`);
  const facts: Fact[] = [];
  for (const row of rows) {
    // An event type this version does not know (written by a newer one) is passed over, not misread.
    const type = eventTypeSchema.safeParse(row.type);
    const known = type.success ? triggerOf[type.data] : undefined;
    if (!known) continue;
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    facts.push({
      key: `outbox:${row.id}`,
      trigger: known.trigger,
      systemId: row.systemId,
      systemName: row.systemName,
      at: row.createdAt,
      path: known.page(row.systemId, payload),
      ...known.about?.(payload),
    });
  }
  const last = rows.at(-1)?.id ?? after;
  return { facts, cursor: stored?.last === last ? null : last };
}

export async function storeCursor(tx: Tx, last: number) {
  await tx.run(sql`INSERT INTO notification_cursors (name, last_outbox_id) VALUES (${cursorName}, ${last})
             ON CONFLICT (name) DO UPDATE SET last_outbox_id = excluded.last_outbox_id`);
}
