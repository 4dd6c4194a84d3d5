import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "../../db/schema/webhooks";
import { AppError } from "../../lib/errors";

type EndpointRow = typeof webhookEndpoints.$inferSelect;
const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

/** An endpoint as clients see it: never its secret. */
export function describeEndpoint(row: EndpointRow, now: number) {
  return {
    id: row.id,
    systemId: row.systemId,
    url: row.url,
    events: row.events,
    status: row.disabledAt === null ? ("active" as const) : ("disabled" as const),
    disabledAt: iso(row.disabledAt),
    disabledReason: row.disabledReason,
    failingSince: iso(row.failingSince),
    createdAt: iso(row.createdAt)!,
    /** While a rotated-out secret still signs too. */
    previousSecretExpiresAt: row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > now ? iso(row.previousSecretExpiresAt) : null,
  };
}

/** A live (not deleted) endpoint; with `systemId`, only one of that system's: another system's is "not found", not "forbidden". */
export async function liveEndpoint(tx: Db | Tx, endpointId: string, systemId?: string): Promise<EndpointRow> {
  const row = await (tx as Tx)
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.deletedAt)))
    .get();
  if (!row || (systemId !== undefined && row.systemId !== systemId)) {
    throw new AppError("NOT_FOUND", `no webhook endpoint ${endpointId}`, [{ path: "endpointId", message: "unknown or deleted" }]);
  }
  return row;
}

export async function listWebhookEndpoints(db: Db, systemId: string, now: number) {
  return (await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.systemId, systemId), isNull(webhookEndpoints.deletedAt)))
    .orderBy(webhookEndpoints.createdAt)
    .all())
    .map((row) => describeEndpoint(row, now));
}

/** The delivery log of one endpoint, newest attempt first: what was sent, what came back, how long it took. */
export async function deliveryLog(db: Db, endpointId: string, limit = 100) {
  await liveEndpoint(db, endpointId);
  const attempts = await db
    .select({
      attemptId: webhookAttempts.id,
      deliveryId: webhookDeliveries.id,
      eventType: webhookDeliveries.eventType,
      messageId: webhookDeliveries.messageId,
      deliveryStatus: webhookDeliveries.status,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      attempt: webhookAttempts.attempt,
      at: webhookAttempts.at,
      httpStatus: webhookAttempts.httpStatus,
      latencyMs: webhookAttempts.latencyMs,
      responseExcerpt: webhookAttempts.responseExcerpt,
      error: webhookAttempts.error,
    })
    .from(webhookAttempts)
    .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookAttempts.deliveryId))
    .where(eq(webhookAttempts.endpointId, endpointId))
    .orderBy(desc(webhookAttempts.at), desc(webhookAttempts.id))
    .limit(limit)
    .all();
  // Deliveries not tried yet have no attempt: list them too, so a queued event is visible.
  const waiting = await db
    .select({ deliveryId: webhookDeliveries.id, eventType: webhookDeliveries.eventType, nextAttemptAt: webhookDeliveries.nextAttemptAt, createdAt: webhookDeliveries.createdAt })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, "pending"), eq(webhookDeliveries.attempts, 0)))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit)
    .all();
  return { attempts, waiting };
}
