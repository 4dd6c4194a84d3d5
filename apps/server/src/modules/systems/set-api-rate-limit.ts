import { eq } from "drizzle-orm";
import { setApiRateLimitInputSchema } from "@countersign/shared/admin";
import type { z } from "zod";
import { aiSystems } from "../../db/schema/systems";
import type { Actor, Deps } from "../../lib/context";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { forgetVerifiedKeys } from "./api-keys";
import { systemById } from "./queries";

/** How many REST requests per minute each of the system's API keys may make; applies from the next request. */
export async function setApiRateLimit(deps: Deps, actor: Actor, input: z.input<typeof setApiRateLimitInputSchema>) {
  const { systemId, requestsPerMinute } = setApiRateLimitInputSchema.parse(input);
  const now = deps.now();
  await write(deps.db, async (tx) => {
    const before = await systemById(tx, systemId);
    await tx.update(aiSystems).set({ apiRequestsPerMinute: requestsPerMinute }).where(eq(aiSystems.id, systemId)).run();
    await appendAudit(tx, actor, now, {
      action: "system.updated",
      entityType: "ai_system",
      entityId: systemId,
      payload: { before: { apiRequestsPerMinute: before.apiRequestsPerMinute }, after: { apiRequestsPerMinute: requestsPerMinute } },
    });
  });
  forgetVerifiedKeys(deps.db);
}
