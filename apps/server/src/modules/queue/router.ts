import { z } from "zod";
import { claimInputSchema, heartbeatInputSchema, queueFilterSchema } from "@countersign/shared/queue";
import { slugSchema } from "@countersign/shared/admin";
import { oversightProcedure, reviewerProcedure, router } from "../../trpc/init";
import { claimEscalation, claimNext } from "./claim";
import { recordHeartbeat } from "./heartbeat";
import { listQueue } from "./list";
import { releaseEscalation } from "./release";

export const queueRouter = router({
  list: oversightProcedure.input(queueFilterSchema).query(({ ctx, input }) => listQueue(ctx.deps, ctx.user.id, input)),
  claimNext: reviewerProcedure
    .input(z.strictObject({ system: slugSchema.optional() }).default({}))
    .mutation(({ ctx, input }) => claimNext(ctx.deps, ctx.user.id, input.system, (ctx.deps.random ?? Math.random)())),
  claim: reviewerProcedure.input(claimInputSchema).mutation(({ ctx, input }) => claimEscalation(ctx.deps, ctx.user.id, input.escalationId)),
  /** Sent by the review screen while it is visible and focused; earns active time and extends the lease. */
  heartbeat: reviewerProcedure
    .input(heartbeatInputSchema)
    .mutation(({ ctx, input }) => recordHeartbeat(ctx.deps, ctx.user.id, input.escalationId, { leaving: input.leaving })),
  release: reviewerProcedure.input(claimInputSchema).mutation(({ ctx, input }) => {
    releaseEscalation(ctx.deps, ctx.user.id, input.escalationId);
    return { ok: true };
  }),
});
