import {
  answerRequestInputSchema,
  editAnswerInputSchema,
  eligibleAssigneesInputSchema,
  extendRequestInputSchema,
  listRequestsInputSchema,
  reassignRequestInputSchema,
  recordReReviewInputSchema,
  recordRequestInputSchema,
  requestIdInputSchema,
} from "@countersign/shared/affected-person-requests";
import { z } from "zod";
import { procedureWith, router } from "../../trpc/init";
import { answerRequest, editAnswer } from "./answer";
import { assignedRequestDetail, listRequests, requestDetail, requestsRoutedTo } from "./queries";
import { recordRequest } from "./record";
import { recordReReview } from "./re-review";
import { extendRequest, reassignRequest } from "./route-again";
import { eligibleAssignees } from "./routing";

const me = (ctx: { user: { id: string } }) => ({ type: "user" as const, id: ctx.user.id });

export const affectedPersonRequestsRouter = router({
  // Leads and admins record and route
  record: procedureWith("recordAffectedPersonRequests").input(recordRequestInputSchema).mutation(({ ctx, input }) => recordRequest(ctx.deps, me(ctx), input)),
  eligibleAssignees: procedureWith("recordAffectedPersonRequests")
    .input(eligibleAssigneesInputSchema)
    .query(({ ctx, input }) => eligibleAssignees(ctx.deps.db, input.systemId, input.kind, ctx.deps.now())),
  reassign: procedureWith("recordAffectedPersonRequests").input(reassignRequestInputSchema).mutation(async ({ ctx, input }) => {
    await reassignRequest(ctx.deps, me(ctx), input);
    return { ok: true };
  }),
  extend: procedureWith("recordAffectedPersonRequests").input(extendRequestInputSchema).mutation(({ ctx, input }) => extendRequest(ctx.deps, me(ctx), input)),
  // Leads, auditors and admins read every request
  list: procedureWith("readAffectedPersonRequests").input(listRequestsInputSchema).query(({ ctx, input }) => listRequests(ctx.deps.db, ctx.deps.now(), input)),
  get: procedureWith("readAffectedPersonRequests").input(requestIdInputSchema).query(({ ctx, input }) => requestDetail(ctx.deps, input.requestId)),
  // The assignee's workbench
  routedToMe: procedureWith("answerAffectedPersonRequests")
    .input(z.strictObject({ openOnly: z.boolean().default(false) }).default({ openOnly: false }))
    .query(({ ctx, input }) => requestsRoutedTo(ctx.deps.db, ctx.user.id, ctx.deps.now(), input.openOnly)),
  getRoutedToMe: procedureWith("answerAffectedPersonRequests")
    .input(requestIdInputSchema)
    .query(({ ctx, input }) => assignedRequestDetail(ctx.deps, ctx.user.id, input.requestId)),
  answer: procedureWith("answerAffectedPersonRequests").input(answerRequestInputSchema).mutation(({ ctx, input }) => answerRequest(ctx.deps, me(ctx), input)),
  editAnswer: procedureWith("answerAffectedPersonRequests").input(editAnswerInputSchema).mutation(({ ctx, input }) => editAnswer(ctx.deps, me(ctx), input)),
  recordReReview: procedureWith("answerAffectedPersonRequests").input(recordReReviewInputSchema).mutation(async ({ ctx, input }) => {
    await recordReReview(ctx.deps, me(ctx), input);
    return { ok: true };
  }),
});
