import { z } from "zod";
import { wellFormedText } from "@countersign/shared/exact";
import { recordReadinessReviewInputSchema } from "@countersign/shared/operations";
import { procedureWith, router } from "../../trpc/init";
import { readinessOverview } from "./overview";
import { recordReadinessReview } from "./record-review";
import { readinessReviewsOf } from "./reviews";

const systemInput = z.strictObject({ systemId: wellFormedText("systemId").min(1) });

export const readinessRouter = router({
  overview: procedureWith("readReadiness").input(systemInput).query(({ ctx, input }) => readinessOverview(ctx.deps, input.systemId)),
  reviews: procedureWith("readReadiness").input(systemInput).query(({ ctx, input }) => readinessReviewsOf(ctx.deps.db, input.systemId)),
  record: procedureWith("recordReadinessReviews")
    .input(recordReadinessReviewInputSchema)
    .mutation(({ ctx, input }) => recordReadinessReview(ctx.deps, ctx.user.id, input)),
});
