import { write } from "../../lib/tx";
import { sql } from "drizzle-orm";
import type { ChatKind } from "@countersign/shared/notifications";
import type { Deps } from "../../lib/context";
import type { Transports } from "./transports";

/** After this many failed attempts a message is given up and stays listed as failed for admins. */
export const maxAttempts = 8;
const perRun = 50;

type DueDelivery = { id: number; recipientKey: string; channel: "email" | "chat"; address: string; subject: string; body: string; attempts: number };

/** How long a message being sent is held from other senders: longer than any SMTP or chat request may take. */
const holdMs = 15 * 60_000;

/**
 * Sends the messages whose turn has come. Each is held before it is sent (its next attempt moved
 * past the send), so a second sender — another server process on the same database — skips it.
 * Each outcome is written after the attempt: a failure waits 1, 2, 4… minutes (at most an hour)
 * before the next try. A crash between sending and writing sends that message again once its hold
 * lapses: at least once, never lost.
 */
export async function deliverDue(deps: Deps, transports: Transports) {
  const now = deps.now();
  const due = await deps.db.all<DueDelivery>(sql`
    SELECT id, recipient_key AS recipientKey, channel, address, subject, body, attempts FROM notification_deliveries
     WHERE status = 'pending' AND next_attempt_at <= ${now} ORDER BY next_attempt_at, id LIMIT ${perRun}`);
  let attempted = 0;
  let sent = 0;
  for (const delivery of due) {
    if (!(await hold(deps, delivery.id, now))) continue;
    attempted += 1;
    try {
      await send(deps, transports, delivery);
      await write(deps.db, (tx) => tx.run(sql`UPDATE notification_deliveries SET status = 'sent', attempts = attempts + 1, sent_at = ${deps.now()}, last_error = NULL
                       WHERE id = ${delivery.id}`));
      sent += 1;
    } catch (error) {
      const attempts = delivery.attempts + 1;
      const wait = Math.min(2 ** (attempts - 1), 60) * 60_000;
      await write(deps.db, (tx) => tx.run(sql`UPDATE notification_deliveries
                         SET status = ${attempts >= maxAttempts ? "failed" : "pending"}, attempts = ${attempts},
                             next_attempt_at = ${deps.now() + wait}, last_error = ${describeError(error)}
                       WHERE id = ${delivery.id}`));
    }
  }
  return { attempted, sent };
}

/** Takes one message for this sender; false when another has taken (or sent) it since it was read. */
async function hold(deps: Deps, id: number, now: number): Promise<boolean> {
  const held = await write(deps.db, (tx) =>
    tx.run(sql`UPDATE notification_deliveries SET next_attempt_at = ${now + holdMs}
                WHERE id = ${id} AND status = 'pending' AND next_attempt_at <= ${now}`));
  return held.changes === 1;
}

async function send(deps: Deps, transports: Transports, delivery: DueDelivery) {
  const message = { subject: delivery.subject, body: delivery.body };
  if (delivery.channel === "email") {
    if (!transports.email) throw new Error("email is not configured: COUNTERSIGN_SMTP_URL is not set");
    return transports.email(delivery.address, message);
  }
  // The URL is read at sending time: a webhook replaced or removed since is not posted to.
  const webhook = await deps.db.get<{ kind: ChatKind; url: string } | undefined>(sql`
    SELECT kind, url FROM chat_webhooks WHERE id = ${delivery.address} AND removed_at IS NULL`);
  if (!webhook) throw new Error("the chat webhook was removed");
  return transports.chat(webhook.kind, webhook.url, message);
}

/** What an admin sees of a failure: the error's message, never the webhook's URL (a secret). */
function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ""}` : String(error);
  return text.replace(/https?:\/\/\S+/g, "(url)").slice(0, 500);
}
