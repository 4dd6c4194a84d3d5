import { Gauge, type Registry } from "prom-client";
import { priorities, priorityRank, type Priority } from "@countersign/shared/enums";
import type { Deps } from "../../lib/context";

type BacklogRow = { system: string; priority: Priority; items: number; oldestReceivedAt: number };

/*
 * The reviewers' queue (queue health's condition: queued or in review, outside a dispute, arrived)
 * split into parts that each have an index in claim order, so that a scrape reads only queued
 * rows, never the decided ones beside them, and each part's oldest item is its range's first key:
 * queued escalations and queued gold copies (the claim's two partial indexes, one range per system
 * and priority), and the few items in review (at most one per reviewer) through the lease index.
 */
const queuedIn = (index: string, gold: "IS NULL" | "IS NOT NULL") =>
  `SELECT count(*) AS items, min(received_at) AS oldest FROM escalations INDEXED BY ${index}
    WHERE system_id = :systemId AND priority_rank = :rank AND received_at <= :now
      AND status = 'queued' AND gold_item_id ${gold} AND disputed_at IS NULL`;
export const queuedSql = [queuedIn("escalations_claim_real_idx", "IS NULL"), queuedIn("escalations_claim_gold_idx", "IS NOT NULL")];
const inReviewSql = `SELECT system_id AS systemId, priority, count(*) AS items, min(received_at) AS oldest
  FROM escalations INDEXED BY escalations_lease_idx
 WHERE status = 'in_review' AND disputed_at IS NULL AND received_at <= :now GROUP BY system_id, priority`;

/**
 * Queue depth and the oldest item's age per AI system and priority, read when Prometheus scrapes:
 * the same items the lead's queue health counts. README gives the time at 100,000 queued.
 */
export function queueMetrics(registry: Registry, deps: Deps) {
  const backlog = (): BacklogRow[] => {
    const client = deps.db.$client;
    const now = deps.now();
    const systems = client.prepare("SELECT id, slug FROM ai_systems ORDER BY slug").all() as { id: string; slug: string }[];
    const queued = queuedSql.map((sql) => client.prepare(sql));
    const inReview = client.prepare(inReviewSql).all({ now }) as { systemId: string; priority: Priority; items: number; oldest: number }[];
    return systems.flatMap(({ id, slug }) =>
      priorities.flatMap((priority) => {
        const parts = [
          ...queued.map((statement) => statement.get({ systemId: id, rank: priorityRank[priority], now }) as { items: number; oldest: number | null }),
          ...inReview.filter((row) => row.systemId === id && row.priority === priority),
        ];
        const items = parts.reduce((sum, part) => sum + part.items, 0);
        const oldest = Math.min(...parts.map((part) => part.oldest ?? Infinity));
        return items > 0 ? [{ system: slug, priority, items, oldestReceivedAt: oldest }] : [];
      }),
    );
  };
  // Both gauges read the same rows: the depth (collected first) reads them, the age reuses them within the scrape.
  let cached: { at: number; rows: BacklogRow[] } | null = null;
  const readRows = () => (cached = { at: performance.now(), rows: backlog() }).rows;
  const rowsOfThisScrape = () => (cached && performance.now() - cached.at < 1000 ? cached.rows : readRows());
  new Gauge({
    name: "countersign_queue_depth",
    help: "Items in the reviewers' queue (queued or in review, outside a dispute; gold copies included), by AI system and priority",
    labelNames: ["system", "priority"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const row of readRows()) this.set({ system: row.system, priority: row.priority }, row.items);
    },
  });
  new Gauge({
    name: "countersign_queue_oldest_age_seconds",
    help: "Age of the oldest item in the reviewers' queue, by AI system and priority",
    labelNames: ["system", "priority"] as const,
    registers: [registry],
    collect() {
      this.reset();
      const now = deps.now();
      for (const row of rowsOfThisScrape()) this.set({ system: row.system, priority: row.priority }, Math.max(0, (now - row.oldestReceivedAt) / 1000));
    },
  });
}
