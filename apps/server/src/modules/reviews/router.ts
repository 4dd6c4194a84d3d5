import { z } from "zod";
import {
  decideInputSchema,
  escalationIdSchema,
  openEvidenceInputSchema,
  recordJudgementInputSchema,
  resolveInputSchema,
} from "@countersign/shared/review";
import { procedureFor, router, trailProcedure } from "../../trpc/init";
import { decide } from "./decide";
import { listDisputes } from "./disputes";
import { openEvidence } from "./open-evidence";
import { recordJudgement } from "./record-judgement";
import { resolveDispute } from "./resolve";
import { takeUpDispute } from "./take-up-dispute";
import { escalationDetail, reviewView } from "./view";

const byId = z.strictObject({ escalationId: escalationIdSchema });
/**
 * The review screen's procedures: the verbs admit only the holder of a live lease. Leads hold
 * one only after taking up a dispute to record their own verification as its resolver.
 */
const leaseHolderProcedure = procedureFor("reviewer", "lead");

export const reviewsRouter = router({
  view: leaseHolderProcedure.input(byId).query(({ ctx, input }) => reviewView(ctx.deps, ctx.user.id, input.escalationId)),
  openEvidence: leaseHolderProcedure
    .input(openEvidenceInputSchema)
    .mutation(({ ctx, input }) => openEvidence(ctx.deps, ctx.user.id, input.escalationId, input.evidenceIndex)),
  recordJudgement: leaseHolderProcedure.input(recordJudgementInputSchema).mutation(({ ctx, input }) => {
    recordJudgement(ctx.deps, ctx.user.id, input);
    return { ok: true };
  }),
  decide: leaseHolderProcedure.input(decideInputSchema).mutation(({ ctx, input }) => decide(ctx.deps, ctx.user.id, input)),
  detail: trailProcedure.input(byId).query(({ ctx, input }) => escalationDetail(ctx.deps, input.escalationId)),
  /** Two-person reviews whose verifications disagreed, waiting for a resolver. */
  disputes: procedureFor("lead", "admin").query(({ ctx }) => listDisputes(ctx.deps, ctx.user.id)),
  /** Adopts one recorded verification; the resolver's qualification (override) is checked in the verb. */
  resolve: procedureFor("lead").input(resolveInputSchema).mutation(({ ctx, input }) => resolveDispute(ctx.deps, ctx.user.id, input)),
  /** Leases a dispute to a resolver who records a verification of their own, through view and decide. */
  takeUpDispute: procedureFor("lead").input(byId).mutation(({ ctx, input }) => takeUpDispute(ctx.deps, ctx.user.id, input.escalationId)),
});
