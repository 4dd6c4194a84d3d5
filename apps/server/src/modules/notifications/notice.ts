import { UTCDate } from "@date-fns/utc";
import { addDays, addHours, startOfDay, startOfHour } from "date-fns";
import type { NotificationCadence } from "@countersign/shared/notifications";
import type { Deps } from "../../lib/context";
import { statement } from "../../lib/prepared";
import { write } from "../../lib/tx";
import { disputesWaiting, dueDates, qualificationsExpiring, urgentWaiting } from "./facts";
import { outboxFacts, storeCursor } from "./outbox";
import { recipientsOf, type Recipient } from "./recipients";
import type { NotificationSettings } from "./settings";

// ON CONFLICT DO NOTHING: a fact another pass (or process) stored first is that pass's to tell.
const insertFactSql = "INSERT INTO notification_facts (key, trigger, system_id, noticed_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING";
const insertItemSql = `
  INSERT INTO notification_items (recipient_key, fact_key, channel, fact, created_at, send_after) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (recipient_key, fact_key) DO NOTHING`;

/** Daily digests go out at this hour, UTC: before a European working day starts. */
const dailyDigestHourUtc = 7;

/**
 * Notices what is new — outbox events after the notifications' cursor and what the scans find —
 * and queues one item per fact and recipient, in one transaction with the cursor: a fact is
 * noticed once (its key is stored), so a restart or the next scan never tells anyone twice. The
 * scans read before the write transaction, so writers are not held up while they run; a fact
 * found by two passes at once is still stored once.
 */
export async function noticeFacts(deps: Deps, settings: NotificationSettings) {
  const now = deps.now();
  const scanned = [
    ...await urgentWaiting(deps.db, now, settings),
    ...await dueDates(deps.db, now, settings),
    ...await disputesWaiting(deps.db, now),
    ...await qualificationsExpiring(deps.db, now, settings),
  ];
  return write(deps.db, async (tx) => {
    const insertFact = statement(tx, insertFactSql);
    const insertItem = statement(tx, insertItemSql);
    const fromOutbox = await outboxFacts(tx, now);
    const facts = [...fromOutbox.facts, ...scanned];
    // Who hears a fact depends only on its trigger, system, holder and escalation round: worked out once per pass.
    const audiences = new Map<string, Recipient[]>();
    let items = 0;
    for (const fact of facts) {
      if ((await insertFact.run(fact.key, fact.trigger, fact.systemId, now)).changes === 0) continue;
      const audienceKey = `${fact.trigger} ${fact.systemId} ${fact.holderId} ${fact.escalationId} ${fact.round}`;
      const recipients = audiences.get(audienceKey) ?? await recipientsOf(tx, fact, now, settings.smtpUrl !== undefined);
      audiences.set(audienceKey, recipients);
      const text = JSON.stringify(fact);
      for (const recipient of recipients) {
        items += (await insertItem.run(recipient.key, fact.key, recipient.channel, text, now, sendAfter(recipient.cadence, now))).changes;
      }
    }
    if (fromOutbox.cursor !== null) await storeCursor(tx, fromOutbox.cursor);
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
