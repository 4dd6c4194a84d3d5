import { z } from "zod";
import {
  decideInputSchema,
  escalationIdSchema,
  openEvidenceInputSchema,
  recordJudgementInputSchema,
  resolveInputSchema,
} from "@countersign/shared/review";
import { procedureFor, reviewerProcedure, router, trailProcedure } from "../../trpc/init";
import { decide } from "./decide";
import { listDisputes } from "./disputes";
import { openEvidence } from "./open-evidence";
import { recordJudgement } from "./record-judgement";
import { resolveDispute } from "./resolve";
import { escalationDetail, reviewView } from "./view";

const byId = z.strictObject({ escalationId: escalationIdSchema });

export const reviewsRouter = router({
  view: reviewerProcedure.input(byId).query(({ ctx, input }) => reviewView(ctx.deps, ctx.user.id, input.escalationId)),
  openEvidence: reviewerProcedure
    .input(openEvidenceInputSchema)
    .mutation(({ ctx, input }) => openEvidence(ctx.deps, ctx.user.id, input.escalationId, input.evidenceIndex)),
  recordJudgement: reviewerProcedure.input(recordJudgementInputSchema).mutation(({ ctx, input }) => {
    recordJudgement(ctx.deps, ctx.user.id, input);
    return { ok: true };
  }),
  decide: reviewerProcedure.input(decideInputSchema).mutation(({ ctx, input }) => decide(ctx.deps, ctx.user.id, input)),
  detail: trailProcedure.input(byId).query(({ ctx, input }) => escalationDetail(ctx.deps, input.escalationId)),
  /** Two-person reviews whose verifications disagreed, waiting for a lead. */
  disputes: procedureFor("lead", "admin").query(({ ctx }) => listDisputes(ctx.deps)),
  resolve: procedureFor("lead").input(resolveInputSchema).mutation(({ ctx, input }) => resolveDispute(ctx.deps, ctx.user.id, input)),
});
