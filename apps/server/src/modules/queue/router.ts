import { z } from "zod";
import { claimInputSchema, queueFilterSchema } from "@countersign/shared/queue";
import { slugSchema } from "@countersign/shared/admin";
import { oversightProcedure, reviewerProcedure, router } from "../../trpc/init";
import { claimEscalation, claimNext } from "./claim";
import { listQueue } from "./list";
import { releaseEscalation } from "./release";

export const queueRouter = router({
  list: oversightProcedure.input(queueFilterSchema).query(({ ctx, input }) => listQueue(ctx.deps, ctx.user, input)),
  claimNext: reviewerProcedure
    .input(z.strictObject({ system: slugSchema.optional() }).default({}))
    .mutation(({ ctx, input }) => claimNext(ctx.deps, ctx.user.id, input.system)),
  claim: reviewerProcedure.input(claimInputSchema).mutation(({ ctx, input }) => claimEscalation(ctx.deps, ctx.user.id, input.escalationId)),
  release: reviewerProcedure.input(claimInputSchema).mutation(({ ctx, input }) => {
    releaseEscalation(ctx.deps, ctx.user.id, input.escalationId);
    return { ok: true };
  }),
});
