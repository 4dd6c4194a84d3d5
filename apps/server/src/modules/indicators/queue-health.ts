import { openItems as openItemsOf } from "@countersign/shared/figures";
import { priorities, priorityRank, type Priority } from "@countersign/shared/enums";
import type { Db } from "../../db/client";

/**
 * What the reviewers' queue holds (figures.openItems): queued or in review, outside a dispute —
 * the same condition the queue lists by — gold copies included and counted apart.
 */
// The unary + keeps SQLite on the status index: on disputed_at IS NULL it would walk every decided row.
// A gold copy counts from its drawn arrival time on, as the queue lists it.
const inReviewersQueue = "e.status IN ('queued', 'in_review') AND +e.disputed_at IS NULL AND +e.received_at <= :now";

type Part = { systemId: string; priority: Priority; items: number; goldCopies: number; inReview: number; oldest: number | null };

/*
 * The reviewers' queue is read in parts that each have an index, never by walking the queue: queued
 * escalations and queued gold copies from the claim's two partial indexes (one range per system
 * and priority, counted off the index), the few items in review through the lease index, items past
 * due through the overdue index, disputes through the disputed index. The same condition as above.
 */
const queuedIn = (index: string, gold: "IS NULL" | "IS NOT NULL") =>
  `SELECT count(*) AS items, min(received_at) AS oldest FROM escalations INDEXED BY ${index}
    WHERE system_id = :systemId AND priority_rank = :rank AND received_at <= :now
      AND status = 'queued' AND gold_item_id ${gold} AND disputed_at IS NULL`;

function queueParts(db: Db, now: number, systemId: string | null): Part[] {
  const client = db.$client;
  const systems = client.prepare("SELECT id FROM ai_systems WHERE (:systemId IS NULL OR id = :systemId)").pluck().all({ systemId }) as string[];
  const [real, gold] = [queuedIn("escalations_claim_real_idx", "IS NULL"), queuedIn("escalations_claim_gold_idx", "IS NOT NULL")].map((sql) => client.prepare(sql));
  const inReview = client
    .prepare(
      `SELECT system_id AS systemId, priority, count(*) AS items, sum(gold_item_id IS NOT NULL) AS goldCopies, min(received_at) AS oldest
         FROM escalations INDEXED BY escalations_lease_idx
        WHERE status = 'in_review' AND disputed_at IS NULL AND received_at <= :now AND (:systemId IS NULL OR system_id = :systemId)
        GROUP BY system_id, priority`,
    )
    .all({ now, systemId }) as (Omit<Part, "inReview"> & { oldest: number })[];
  return systems.flatMap((id) =>
    priorities.map((priority): Part => {
      const params = { systemId: id, rank: priorityRank[priority], now };
      const queuedReal = real!.get(params) as { items: number; oldest: number | null };
      const queuedGold = gold!.get(params) as { items: number; oldest: number | null };
      const held = inReview.find((row) => row.systemId === id && row.priority === priority);
      const oldest = Math.min(queuedReal.oldest ?? Infinity, queuedGold.oldest ?? Infinity, held?.oldest ?? Infinity);
      return {
        systemId: id,
        priority,
        items: queuedReal.items + queuedGold.items + (held?.items ?? 0),
        goldCopies: queuedGold.items + (held?.goldCopies ?? 0),
        inReview: held?.items ?? 0,
        oldest: oldest === Infinity ? null : oldest,
      };
    }),
  );
}

function awaitingLead(db: Db, systemId: string | null) {
  return db.$client
    .prepare("SELECT count(*) FROM escalations WHERE disputed_at IS NOT NULL AND status IN ('queued', 'in_review') AND (:systemId IS NULL OR system_id = :systemId)")
    .pluck()
    .get({ systemId }) as number;
}

function openOf(parts: Part[], awaiting: number) {
  const goldCopies = parts.reduce((n, part) => n + part.goldCopies, 0);
  return openItemsOf({ escalations: parts.reduce((n, part) => n + part.items, 0) - goldCopies, goldCopies, awaitingLead: awaiting });
}

/** Open items of one system or all: the one count the dashboard and the system pages show. */
export function openItems(db: Db, systemId: string | null, now: number) {
  return openOf(queueParts(db, now, systemId), awaitingLead(db, systemId));
}

const priorityOrder: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** Backlog per system and priority, the oldest item, items past due, and leases that expired. */
export function queueHealth(db: Db, now: number, since: number, systemId: string | null) {
  const parts = queueParts(db, now, systemId);
  const systems = new Map(
    (db.$client.prepare("SELECT id, slug, name FROM ai_systems").all() as { id: string; slug: string; name: string }[]).map((s) => [s.id, s]),
  );
  // An open item's due time has passed: read through the overdue index, which holds only open items with a due time.
  const pastDue = db.$client
    .prepare(
      `SELECT system_id AS systemId, priority, count(*) AS n FROM escalations INDEXED BY escalations_open_overdue_idx
        WHERE due_at_ms IS NOT NULL AND due_at_ms < :now + 1000 AND status IN ('queued', 'in_review') AND ${inReviewersQueue}
          AND unixepoch(e.due_at) * 1000 < :now AND (:systemId IS NULL OR system_id = :systemId)
        GROUP BY system_id, priority`.replaceAll("e.", ""),
    )
    .all({ now, systemId }) as { systemId: string; priority: Priority; n: number }[];
  const backlog = parts
    .filter((part) => part.items > 0)
    .map((part) => ({
      system: systems.get(part.systemId)!.slug,
      systemName: systems.get(part.systemId)!.name,
      priority: part.priority as string,
      items: part.items,
      goldCopies: part.goldCopies,
      inReview: part.inReview,
      oldestReceivedAt: part.oldest!,
      pastDue: pastDue.find((row) => row.systemId === part.systemId && row.priority === part.priority)?.n ?? 0,
    }))
    .sort((a, b) => (a.system < b.system ? -1 : a.system > b.system ? 1 : 0) || priorityOrder[a.priority as Priority] - priorityOrder[b.priority as Priority]);
  const expiredLeases = db.$client
    .prepare(
      `SELECT count(*) FROM audit_log a
        WHERE a.action = 'escalation.lease_expired' AND a.at >= :since
          AND (:systemId IS NULL OR a.entity_id IN (SELECT id FROM escalations WHERE system_id = :systemId))`,
    )
    .pluck()
    .get({ since: new Date(since).toISOString(), systemId }) as number;
  return {
    backlog,
    open: openOf(parts, awaitingLead(db, systemId)),
    pastDue: backlog.reduce((n, row) => n + row.pastDue, 0),
    oldestReceivedAt: backlog.length ? Math.min(...backlog.map((row) => row.oldestReceivedAt)) : null,
    expiredLeases,
  };
}
