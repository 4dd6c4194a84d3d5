import { z } from "zod";
import { claimInputSchema, queueFilterSchema } from "@countersign/shared/queue";
import { slugSchema } from "@countersign/shared/admin";
import { oversightProcedure, procedureFor, reviewerProcedure, router } from "../../trpc/init";
import { claimEscalation, claimNext } from "./claim";
import { listQueue } from "./list";
import { releaseEscalation } from "./release";

export const queueRouter = router({
  list: oversightProcedure.input(queueFilterSchema).query(({ ctx, input }) => listQueue(ctx.deps, ctx.user.id, input)),
  claimNext: reviewerProcedure
    .input(z.strictObject({ system: slugSchema.optional() }).default({}))
    .mutation(({ ctx, input }) => claimNext(ctx.deps, ctx.user.id, input.system, (ctx.deps.random ?? Math.random)())),
  claim: reviewerProcedure.input(claimInputSchema).mutation(({ ctx, input }) => claimEscalation(ctx.deps, ctx.user.id, input.escalationId)),
  // The lease holder hands it back; a lead holds a lease only on a dispute taken up to resolve.
  release: procedureFor("reviewer", "lead").input(claimInputSchema).mutation(({ ctx, input }) => {
    releaseEscalation(ctx.deps, ctx.user.id, input.escalationId);
    return { ok: true };
  }),
});
