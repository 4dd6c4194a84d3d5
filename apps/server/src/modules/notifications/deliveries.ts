import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { maxAttempts } from "./deliver";
import { notificationSettings } from "./settings";

/**
 * What admins see of the notifications: whether email and links are configured, and the messages
 * that failed or are being retried (to whom by recipient key, never the content or a webhook URL).
 */
export async function notificationHealth(db: Db) {
  const settings = notificationSettings(db);
  const troubled = await db.all<{
    id: number;
    recipientKey: string;
    recipientName: string | null;
    channel: string;
    subject: string;
    factCount: number;
    status: string;
    attempts: number;
    nextAttemptAt: number;
    lastError: string | null;
    createdAt: number;
  }>(sql`
    SELECT d.id, d.recipient_key AS recipientKey, coalesce(u.name, c.label) AS recipientName, d.channel, d.subject, d.fact_count AS factCount,
           d.status, d.attempts, d.next_attempt_at AS nextAttemptAt, d.last_error AS lastError, d.created_at AS createdAt
      FROM notification_deliveries d
      LEFT JOIN users u ON d.recipient_key = 'user:' || u.id
      LEFT JOIN chat_webhooks c ON d.recipient_key = 'channel:' || c.id
     WHERE d.status = 'failed' OR (d.status = 'pending' AND d.attempts > 0)
     ORDER BY d.created_at DESC LIMIT 100`);
  const counts = await db.get<{ sent: number; pending: number; failed: number }>(sql`
    SELECT count(*) FILTER (WHERE status = 'sent') AS sent, count(*) FILTER (WHERE status = 'pending') AS pending,
           count(*) FILTER (WHERE status = 'failed') AS failed
      FROM notification_deliveries`);
  return {
    emailConfigured: settings.smtpUrl !== undefined,
    publicUrl: settings.publicUrl ?? null,
    urgentAfterMinutes: settings.urgentAfterMinutes,
    dueWithinMinutes: settings.dueWithinMinutes,
    qualificationWithinDays: settings.qualificationWithinDays,
    maxAttempts,
    counts,
    troubled,
  };
}
