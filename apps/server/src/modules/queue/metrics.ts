import { Gauge, type Registry } from "prom-client";
import { priorities, priorityRank, type Priority } from "@countersign/shared/enums";
import type { Engine } from "../../db/dialect";
import { engineOf } from "../../db/transaction";
import type { Deps } from "../../lib/context";
import { statement } from "../../lib/prepared";

type BacklogRow = { system: string; priority: Priority; items: number; oldestReceivedAt: number };

/*
 * The reviewers' queue (queue health's condition: queued or in review, outside a dispute, arrived)
 * split into parts that each have an index in claim order, so that a scrape reads only queued
 * rows, never the decided ones beside them, and each part's oldest item is its range's first key:
 * queued escalations and queued gold copies (the claim's two partial indexes, one range per system
 * and priority), and the few items in review (at most one per reviewer) through the lease index.
 */
// SQLite is told the index; PostgreSQL's planner finds the partial index by the same conditions.
const indexedBy = (engine: Engine, index: string) => (engine === "sqlite" ? `INDEXED BY ${index}` : "");
const queuedIn = (engine: Engine, index: string, gold: "IS NULL" | "IS NOT NULL") =>
  `SELECT count(*) AS items, min(received_at) AS oldest FROM escalations ${indexedBy(engine, index)}
    WHERE system_id = :systemId AND priority_rank = :rank AND received_at <= :now
      AND status = 'queued' AND gold_item_id ${gold} AND disputed_at IS NULL`;
const queuedFor = (engine: Engine) => [queuedIn(engine, "escalations_claim_real_idx", "IS NULL"), queuedIn(engine, "escalations_claim_gold_idx", "IS NOT NULL")];
const inReviewFor = (engine: Engine) => `SELECT system_id AS systemId, priority, count(*) AS items, min(received_at) AS oldest
  FROM escalations ${indexedBy(engine, "escalations_lease_idx")}
 WHERE status = 'in_review' AND disputed_at IS NULL AND received_at <= :now GROUP BY system_id, priority`;
/** SQLite's statements, whose query plans a test checks. */
export const queuedSql = queuedFor("sqlite");
const texts = {
  sqlite: { queued: queuedSql, inReview: inReviewFor("sqlite") },
  postgres: { queued: queuedFor("postgres"), inReview: inReviewFor("postgres") },
};

/**
 * Queue depth and the oldest item's age per AI system and priority, read when Prometheus scrapes:
 * the same items the lead's queue health counts. README gives the time at 100,000 queued.
 */
export function queueMetrics(registry: Registry, deps: Deps) {
  const backlog = async (): Promise<BacklogRow[]> => {
    const db = deps.db;
    const now = deps.now();
    const text = texts[engineOf(db)];
    const systems = await statement(db, "SELECT id, slug FROM ai_systems ORDER BY slug").all<{ id: string; slug: string }>();
    const inReview = await statement(db, text.inReview).all<{ systemId: string; priority: Priority; items: number; oldest: number }>({ now });
    const rows: BacklogRow[] = [];
    for (const { id, slug } of systems) {
      for (const priority of priorities) {
        const parts: { items: number; oldest: number | null }[] = [...inReview.filter((row) => row.systemId === id && row.priority === priority)];
        for (const sql of text.queued) parts.push((await statement(db, sql).get<{ items: number; oldest: number | null }>({ systemId: id, rank: priorityRank[priority], now }))!);
        const items = parts.reduce((sum, part) => sum + part.items, 0);
        const oldest = Math.min(...parts.map((part) => part.oldest ?? Infinity));
        if (items > 0) rows.push({ system: slug, priority, items, oldestReceivedAt: oldest });
      }
    }
    return rows;
  };
  // Both gauges read the same rows: the depth (collected first) reads them, the age reuses them within the scrape.
  let cached: { at: number; rows: BacklogRow[] } | null = null;
  const readRows = async () => (cached = { at: performance.now(), rows: await backlog() }).rows;
  const rowsOfThisScrape = async () => (cached && performance.now() - cached.at < 1000 ? cached.rows : readRows());
  new Gauge({
    name: "countersign_queue_depth",
    help: "Items in the reviewers' queue (queued or in review, outside a dispute; gold copies included), by AI system and priority",
    labelNames: ["system", "priority"] as const,
    registers: [registry],
    async collect() {
      const rows = await readRows();
      this.reset();
      for (const row of rows) this.set({ system: row.system, priority: row.priority }, row.items);
    },
  });
  new Gauge({
    name: "countersign_queue_oldest_age_seconds",
    help: "Age of the oldest item in the reviewers' queue, by AI system and priority",
    labelNames: ["system", "priority"] as const,
    registers: [registry],
    async collect() {
      const rows = await rowsOfThisScrape();
      this.reset();
      const now = deps.now();
      for (const row of rows) this.set({ system: row.system, priority: row.priority }, Math.max(0, (now - row.oldestReceivedAt) / 1000));
    },
  });
}
