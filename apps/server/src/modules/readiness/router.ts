import { z } from "zod";
import { wellFormedText } from "@countersign/shared/exact";
import { recordReadinessReviewInputSchema } from "@countersign/shared/operations";
import { procedureFor, router } from "../../trpc/init";
import { readinessOverview } from "./overview";
import { recordReadinessReview } from "./record-review";
import { readinessReviewsOf } from "./reviews";

const readProcedure = procedureFor("lead", "auditor", "admin");
/** The lead holds the review and answers for its verdict. */
const leadProcedure = procedureFor("lead");
const systemInput = z.strictObject({ systemId: wellFormedText("systemId").min(1) });

export const readinessRouter = router({
  overview: readProcedure.input(systemInput).query(({ ctx, input }) => readinessOverview(ctx.deps, input.systemId)),
  reviews: readProcedure.input(systemInput).query(({ ctx, input }) => readinessReviewsOf(ctx.deps.db, input.systemId)),
  record: leadProcedure
    .input(recordReadinessReviewInputSchema)
    .mutation(({ ctx, input }) => recordReadinessReview(ctx.deps, ctx.user.id, input)),
});
