import { z } from "zod";
import {
  decideAndClaimNextInputSchema,
  decideInputSchema,
  escalationIdSchema,
  openEvidenceInputSchema,
  recordJudgementInputSchema,
  reopenInputSchema,
  resolveInputSchema,
} from "@countersign/shared/review";
import { procedureWith, router } from "../../trpc/init";
import { decide } from "./decide";
import { decideAndClaimNext } from "./decide-and-claim-next";
import { listDisputes } from "./disputes";
import { openEvidence } from "./open-evidence";
import { recordJudgement } from "./record-judgement";
import { reopenDecision } from "./reopen";
import { resolveDispute } from "./resolve";
import { takeUpDispute } from "./take-up-dispute";
import { escalationDetail, reviewView } from "./view";

const byId = z.strictObject({ escalationId: escalationIdSchema });

export const reviewsRouter = router({
  view: procedureWith("workLeasedEscalations").input(byId).query(({ ctx, input }) => reviewView(ctx.deps, ctx.user.id, input.escalationId)),
  openEvidence: procedureWith("workLeasedEscalations")
    .input(openEvidenceInputSchema)
    .mutation(({ ctx, input }) => openEvidence(ctx.deps, ctx.user.id, input.escalationId, input.evidenceIndex)),
  recordJudgement: procedureWith("workLeasedEscalations").input(recordJudgementInputSchema).mutation(async ({ ctx, input }) => {
    await recordJudgement(ctx.deps, ctx.user.id, input);
    return { ok: true };
  }),
  decide: procedureWith("workLeasedEscalations").input(decideInputSchema).mutation(({ ctx, input }) => decide(ctx.deps, ctx.user.id, input)),
  /** Decide, then claim the next item and return its view: only for reviewers, who may claim. */
  decideAndClaimNext: procedureWith("reviewEscalations")
    .input(decideAndClaimNextInputSchema)
    .mutation(({ ctx, input }) => decideAndClaimNext(ctx.deps, ctx.user.id, input)),
  detail: procedureWith("readAuditTrail").input(byId).query(({ ctx, input }) => escalationDetail(ctx.deps, input.escalationId)),
  /** Two-person reviews whose verifications disagreed, waiting for a resolver. */
  disputes: procedureWith("readDisputes").query(({ ctx }) => listDisputes(ctx.deps, ctx.user.id)),
  /** Adopts one recorded verification; the resolver's qualification (override) is checked in the verb. */
  resolve: procedureWith("resolveDisputes").input(resolveInputSchema).mutation(({ ctx, input }) => resolveDispute(ctx.deps, ctx.user.id, input)),
  /** Leases a dispute to a resolver who records a verification of their own, through view and decide. */
  takeUpDispute: procedureWith("resolveDisputes").input(byId).mutation(({ ctx, input }) => takeUpDispute(ctx.deps, ctx.user.id, input.escalationId)),
  /** Reverses a decision (Art. 14(4)(d)): back to review as a new round; the qualification (override) is checked in the verb. */
  reopen: procedureWith("reopenDecisions").input(reopenInputSchema).mutation(({ ctx, input }) => reopenDecision(ctx.deps, ctx.user.id, input)),
});
