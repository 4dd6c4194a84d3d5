import { and, count, eq, isNull } from "drizzle-orm";
import { maxWebhookEndpointsPerSystem, webhookEndpointInputSchema } from "@countersign/shared/webhooks";
import type { z } from "zod";
import { webhookEndpoints } from "../../db/schema/webhooks";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { newId } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { systemById } from "../systems/queries";
import { assertWebhookUrlAllowed } from "./address-rule";
import { describeEndpoint } from "./queries";
import { newWebhookSecret } from "./signing";

/**
 * Registers where a system's events are pushed. The URL must not reach the server's own network
 * (checked again at every delivery, since DNS can change). The secret is returned here, once.
 */
export async function addWebhookEndpoint(deps: Deps, actor: Actor, systemId: string, input: z.output<typeof webhookEndpointInputSchema>) {
  await assertWebhookUrlAllowed(input.url, deps.allowPrivateWebhookUrls ?? false);
  const now = deps.now();
  const id = newId("whe");
  const secret = newWebhookSecret();
  const row = await write(deps.db, async (tx) => {
    await systemById(tx, systemId);
    const live = (await tx
      .select({ n: count() })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.systemId, systemId), isNull(webhookEndpoints.deletedAt)))
      .get())!.n;
    if (live >= maxWebhookEndpointsPerSystem) {
      throw new AppError("CONFLICT", `an AI system may have at most ${maxWebhookEndpointsPerSystem} webhook endpoints; delete one first`, [
        { path: "url", message: `at most ${maxWebhookEndpointsPerSystem} endpoints` },
      ]);
    }
    const inserted = await tx.insert(webhookEndpoints).values({ id, systemId, url: input.url, events: input.events, secret, createdAt: now }).returning().get();
    await appendAudit(tx, actor, now, { action: "webhook_endpoint.added", entityType: "webhook_endpoint", entityId: id, payload: { systemId, url: input.url, events: input.events } });
    return inserted;
  });
  return { ...describeEndpoint(row, now), secret };
}
