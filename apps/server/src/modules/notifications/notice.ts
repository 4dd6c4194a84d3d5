import { sql } from "drizzle-orm";
import { UTCDate } from "@date-fns/utc";
import { addDays, addHours, startOfDay, startOfHour } from "date-fns";
import type { NotificationCadence } from "@countersign/shared/notifications";
import type { Deps } from "../../lib/context";
import { write } from "../../lib/tx";
import { disputesWaiting, dueDates, qualificationsExpiring, urgentWaiting } from "./facts";
import { outboxFacts, storeCursor } from "./outbox";
import { recipientsOf } from "./recipients";
import type { NotificationSettings } from "./settings";

/** Daily digests go out at this hour, UTC: before a European working day starts. */
const dailyDigestHourUtc = 7;

/**
 * Notices what is new — outbox events after the notifications' cursor and what the scans find —
 * and queues one item per fact and recipient, in one transaction with the cursor: a fact is
 * noticed once (its key is stored), so a restart or the next scan never tells anyone twice.
 */
export function noticeFacts(deps: Deps, settings: NotificationSettings) {
  const now = deps.now();
  return write(deps.db, (tx) => {
    const fromOutbox = outboxFacts(tx, now);
    const facts = [
      ...fromOutbox.facts,
      ...urgentWaiting(tx, now, settings),
      ...dueDates(tx, now, settings),
      ...disputesWaiting(tx, now),
      ...qualificationsExpiring(tx, now, settings),
    ];
    let items = 0;
    for (const fact of facts) {
      const noticed = tx.run(sql`
        INSERT INTO notification_facts (key, trigger, system_id, noticed_at) VALUES (${fact.key}, ${fact.trigger}, ${fact.systemId}, ${now})
        ON CONFLICT (key) DO NOTHING`);
      if (noticed.changes === 0) continue;
      for (const recipient of recipientsOf(tx, fact, now, settings.smtpUrl !== undefined)) {
        const queued = tx.run(sql`
          INSERT INTO notification_items (recipient_key, fact_key, channel, fact, created_at, send_after)
          VALUES (${recipient.key}, ${fact.key}, ${recipient.channel}, ${JSON.stringify(fact)}, ${now}, ${sendAfter(recipient.cadence, now)})
          ON CONFLICT (recipient_key, fact_key) DO NOTHING`);
        items += queued.changes;
      }
    }
    if (fromOutbox.cursor !== null) storeCursor(tx, fromOutbox.cursor);
    return { facts: facts.length, items };
  });
}

/** When an item may go out: now, at the next full hour, or at the next daily digest. */
export function sendAfter(cadence: NotificationCadence, now: number): number {
  const at = new UTCDate(now);
  switch (cadence) {
    case "immediate":
      return now;
    case "hourly":
      return addHours(startOfHour(at), 1).getTime();
    case "daily": {
      const today = addHours(startOfDay(at), dailyDigestHourUtc);
      return (today.getTime() > now ? today : addDays(today, 1)).getTime();
    }
  }
}
