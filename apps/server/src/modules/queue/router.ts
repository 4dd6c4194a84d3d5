import { z } from "zod";
import { claimInputSchema, heartbeatInputSchema, queueFilterSchema } from "@countersign/shared/queue";
import { slugSchema } from "@countersign/shared/admin";
import { procedureWith, router } from "../../trpc/init";
import { claimEscalation, claimNext } from "./claim";
import { recordHeartbeat } from "./heartbeat";
import { listQueue } from "./list";
import { releaseEscalation } from "./release";

export const queueRouter = router({
  list: procedureWith("readQueue").input(queueFilterSchema).query(({ ctx, input }) => listQueue(ctx.deps, ctx.user, input)),
  claimNext: procedureWith("reviewEscalations")
    .input(z.strictObject({ system: slugSchema.optional() }).default({}))
    .mutation(({ ctx, input }) => claimNext(ctx.deps, ctx.user.id, input.system)),
  claim: procedureWith("reviewEscalations").input(claimInputSchema).mutation(({ ctx, input }) => claimEscalation(ctx.deps, ctx.user.id, input.escalationId)),
  /** Sent by the review screen while it is visible and focused; earns active time and extends the lease. */
  heartbeat: procedureWith("workLeasedEscalations")
    .input(heartbeatInputSchema)
    .mutation(({ ctx, input }) => recordHeartbeat(ctx.deps, ctx.user.id, input.escalationId, { leaving: input.leaving })),
  // The lease holder hands it back; a lead holds a lease only on a dispute taken up to resolve.
  release: procedureWith("workLeasedEscalations").input(claimInputSchema).mutation(async ({ ctx, input }) => {
    await releaseEscalation(ctx.deps, ctx.user.id, input.escalationId);
    return { ok: true };
  }),
});
