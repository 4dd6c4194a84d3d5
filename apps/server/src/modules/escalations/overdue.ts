import { sql } from "drizzle-orm";
import type { ReviewPolicy } from "@countersign/shared/policy";
import { escalations } from "../../db/schema/escalations";
import type { Deps } from "../../lib/context";
import { write } from "../../lib/tx";
import { queueNextGoldCopy } from "../gold/serve";
import { policyOf } from "../reviews/situation";
import { expire } from "./lifecycle";

const batchSize = 500;

// The literal of escalations_open_overdue_idx's condition: SQLite uses a partial index only when the query repeats it.
const openWithDueTime = sql`${escalations.status} IN ('queued', 'in_review') AND ${escalations.dueAtMs} IS NOT NULL`;

/**
 * Expires every open escalation whose dueAt has passed, under its system's onOverdue policy. The
 * server runs it every few seconds: a probe of one partial index while nothing is overdue, a
 * write transaction only when something is. A gold copy that expires is followed by the next
 * one, as a decided copy is, so gold keeps its share of arrivals.
 */
export async function expireOverdue(deps: Deps): Promise<number> {
  const now = deps.now();
  const due = () => sql`${openWithDueTime} AND ${escalations.dueAtMs} <= ${now}`;
  let expired = 0;
  for (;;) {
    const probe = await deps.db.select({ id: escalations.id }).from(escalations).where(due()).limit(1).get();
    if (!probe) return expired;
    expired += await write(deps.db, async (tx) => {
      const rows = await tx.select().from(escalations).where(due()).orderBy(escalations.dueAtMs).limit(batchSize).all();
      const policies = new Map<string, ReviewPolicy>();
      for (const row of rows) {
        const policy = policies.get(row.systemId) ?? await policyOf(tx, row.systemId);
        policies.set(row.systemId, policy);
        await expire(tx, row, policy.onOverdue, now);
        await queueNextGoldCopy(tx, row, policy.goldRate, now, deps.random ?? Math.random);
      }
      return rows.length;
    });
  }
}
