import { openItems as openItemsOf } from "@countersign/shared/figures";
import { priorities, priorityRank, type Priority } from "@countersign/shared/enums";
import type { Db } from "../../db/client";
import { dialectFor, type Engine } from "../../db/dialect";
import { engineOf } from "../../db/transaction";
import { statement } from "../../lib/prepared";

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
 * SQLite is told each index (INDEXED BY); PostgreSQL's planner picks them itself. Text per engine.
 */
const indexed = (engine: Engine, index: string) => (engine === "sqlite" ? `INDEXED BY ${index}` : "");
const queuedIn = (engine: Engine, index: string, gold: "IS NULL" | "IS NOT NULL") =>
  `SELECT count(*) AS items, min(received_at) AS oldest FROM escalations ${indexed(engine, index)}
    WHERE system_id = :systemId AND priority_rank = :rank AND received_at <= :now
      AND status = 'queued' AND gold_item_id ${gold} AND disputed_at IS NULL`;
const inReviewSql = (engine: Engine) =>
  `SELECT system_id AS systemId, priority, count(*) AS items, ${engine === "sqlite" ? "sum(gold_item_id IS NOT NULL)" : "count(gold_item_id)"} AS goldCopies, min(received_at) AS oldest
     FROM escalations ${indexed(engine, "escalations_lease_idx")}
    WHERE status = 'in_review' AND disputed_at IS NULL AND received_at <= :now AND (CAST(:systemId AS TEXT) IS NULL OR system_id = :systemId)
    GROUP BY system_id, priority`;
// PostgreSQL would read `:now + 1000` as a 32-bit integer.
const pastDueSql = (engine: Engine) =>
  `SELECT system_id AS systemId, priority, count(*) AS n FROM escalations ${indexed(engine, "escalations_open_overdue_idx")}
    WHERE due_at_ms IS NOT NULL AND due_at_ms < ${engine === "sqlite" ? ":now" : "CAST(:now AS BIGINT)"} + 1000 AND status IN ('queued', 'in_review') AND ${inReviewersQueue}
      AND ${dialectFor(engine).isoToEpochSeconds("e.due_at")} * 1000 < :now AND (CAST(:systemId AS TEXT) IS NULL OR system_id = :systemId)
    GROUP BY system_id, priority`.replaceAll("e.", "");
const perEngine = (text: (engine: Engine) => string): Record<Engine, string> => ({ sqlite: text("sqlite"), postgres: text("postgres") });
const queueSql = {
  real: perEngine((engine) => queuedIn(engine, "escalations_claim_real_idx", "IS NULL")),
  gold: perEngine((engine) => queuedIn(engine, "escalations_claim_gold_idx", "IS NOT NULL")),
  inReview: perEngine(inReviewSql),
  pastDue: perEngine(pastDueSql),
};

async function queueParts(db: Db, now: number, systemId: string | null): Promise<Part[]> {
  const engine = engineOf(db);
  const systems = await statement(db, "SELECT id FROM ai_systems WHERE (CAST(:systemId AS TEXT) IS NULL OR id = :systemId)").column<string>({ systemId });
  const [real, gold] = [statement(db, queueSql.real[engine]), statement(db, queueSql.gold[engine])];
  const inReview = await statement(db, queueSql.inReview[engine]).all<Omit<Part, "inReview"> & { oldest: number }>({ now, systemId });
  const parts: Part[] = [];
  for (const id of systems) {
    for (const priority of priorities) {
      const params = { systemId: id, rank: priorityRank[priority], now };
      const queuedReal = (await real.get<{ items: number; oldest: number | null }>(params))!;
      const queuedGold = (await gold.get<{ items: number; oldest: number | null }>(params))!;
      const held = inReview.find((row) => row.systemId === id && row.priority === priority);
      const oldest = Math.min(queuedReal.oldest ?? Infinity, queuedGold.oldest ?? Infinity, held?.oldest ?? Infinity);
      parts.push({
        systemId: id,
        priority,
        items: queuedReal.items + queuedGold.items + (held?.items ?? 0),
        goldCopies: queuedGold.items + (held?.goldCopies ?? 0),
        inReview: held?.items ?? 0,
        oldest: oldest === Infinity ? null : oldest,
      });
    }
  }
  return parts;
}

async function awaitingLead(db: Db, systemId: string | null) {
  return (await statement(
    db,
    "SELECT count(*) FROM escalations WHERE disputed_at IS NOT NULL AND status IN ('queued', 'in_review') AND (CAST(:systemId AS TEXT) IS NULL OR system_id = :systemId)",
  ).value<number>({ systemId }))!;
}

function openOf(parts: Part[], awaiting: number) {
  const goldCopies = parts.reduce((n, part) => n + part.goldCopies, 0);
  return openItemsOf({ escalations: parts.reduce((n, part) => n + part.items, 0) - goldCopies, goldCopies, awaitingLead: awaiting });
}

/** Open items of one system or all: the one count the dashboard and the system pages show. */
export async function openItems(db: Db, systemId: string | null, now: number) {
  return openOf(await queueParts(db, now, systemId), await awaitingLead(db, systemId));
}

const priorityOrder: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** Backlog per system and priority, the oldest item, items past due, and leases that expired. */
export async function queueHealth(db: Db, now: number, since: number, systemId: string | null) {
  const parts = await queueParts(db, now, systemId);
  const systems = new Map(
    (await statement(db, "SELECT id, slug, name FROM ai_systems").all<{ id: string; slug: string; name: string }>()).map((s) => [s.id, s]),
  );
  // An open item's due time has passed: read through the overdue index, which holds only open items with a due time.
  const pastDue = await statement(db, queueSql.pastDue[engineOf(db)]).all<{ systemId: string; priority: Priority; n: number }>({ now, systemId });
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
  const expiredLeases = (await statement(
    db,
    `SELECT count(*) FROM audit_log a
      WHERE a.action = 'escalation.lease_expired' AND a.at >= :since
        AND (CAST(:systemId AS TEXT) IS NULL OR a.entity_id IN (SELECT id FROM escalations WHERE system_id = :systemId))`,
  ).value<number>({ since: new Date(since).toISOString(), systemId }))!;
  return {
    backlog,
    open: openOf(parts, await awaitingLead(db, systemId)),
    pastDue: backlog.reduce((n, row) => n + row.pastDue, 0),
    oldestReceivedAt: backlog.length ? Math.min(...backlog.map((row) => row.oldestReceivedAt)) : null,
    expiredLeases,
  };
}
