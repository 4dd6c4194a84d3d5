import { z } from "zod";
import { claimInputSchema, queueFilterSchema } from "@countersign/shared/queue";
import { slugSchema } from "@countersign/shared/admin";
import { procedureWith, router } from "../../trpc/init";
import { claimEscalation, claimNext } from "./claim";
import { listQueue } from "./list";
import { releaseEscalation } from "./release";

export const queueRouter = router({
  list: procedureWith("readQueue").input(queueFilterSchema).query(({ ctx, input }) => listQueue(ctx.deps, ctx.user, input)),
  claimNext: procedureWith("reviewEscalations")
    .input(z.strictObject({ system: slugSchema.optional() }).default({}))
    .mutation(({ ctx, input }) => claimNext(ctx.deps, ctx.user.id, input.system)),
  claim: procedureWith("reviewEscalations").input(claimInputSchema).mutation(({ ctx, input }) => claimEscalation(ctx.deps, ctx.user.id, input.escalationId)),
  release: procedureWith("reviewEscalations").input(claimInputSchema).mutation(({ ctx, input }) => {
    releaseEscalation(ctx.deps, ctx.user.id, input.escalationId);
    return { ok: true };
  }),
});
