import { z } from "zod";
import {
  createSystemInputSchema,
  issueKeyInputSchema,
  revokeKeyInputSchema,
  setApiRateLimitInputSchema,
  setPolicyInputSchema,
  updateSystemInputSchema,
} from "@countersign/shared/admin";
import { haltInputSchema, resumeInputSchema, setBusinessCaseInputSchema } from "@countersign/shared/operations";
import { adminProcedure, oversightProcedure, procedureFor, router } from "../../trpc/init";
import { issueApiKey, revokeApiKey } from "./api-keys";
import { createSystem } from "./create-system";
import { haltSystem, resumeSystem } from "./halt";
import { listKeys } from "./queries";
import { setApiRateLimit } from "./set-api-rate-limit";
import { setBusinessCase } from "./set-business-case";
import { listSystemsWithStopState } from "./stop-state";
import { setReviewPolicy, updateSystem } from "./update-system";

/** Who may press stop: the people who answer for the system's operation. */
const stopProcedure = procedureFor("lead", "admin");

export const systemsRouter = router({
  list: oversightProcedure.query(({ ctx }) => listSystemsWithStopState(ctx.deps.db)),
  create: adminProcedure
    .input(createSystemInputSchema)
    .mutation(({ ctx, input }) => createSystem(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  update: adminProcedure.input(updateSystemInputSchema).mutation(({ ctx, input }) => {
    const { systemId, ...change } = input;
    updateSystem(ctx.deps, { type: "user", id: ctx.user.id }, systemId, change);
  }),
  setPolicy: adminProcedure
    .input(setPolicyInputSchema)
    .mutation(({ ctx, input }) => setReviewPolicy(ctx.deps, { type: "user", id: ctx.user.id }, input.systemId, input.policy)),
  setBusinessCase: adminProcedure
    .input(setBusinessCaseInputSchema)
    .mutation(({ ctx, input }) => setBusinessCase(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  halt: stopProcedure.input(haltInputSchema).mutation(({ ctx, input }) => haltSystem(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  resume: stopProcedure.input(resumeInputSchema).mutation(({ ctx, input }) => resumeSystem(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  keys: adminProcedure
    .input(z.strictObject({ systemId: z.string().min(1) }))
    .query(({ ctx, input }) => listKeys(ctx.deps.db, input.systemId)),
  issueKey: adminProcedure
    .input(issueKeyInputSchema)
    .mutation(({ ctx, input }) => issueApiKey(ctx.deps, { type: "user", id: ctx.user.id }, input.systemId, input.label)),
  setApiRateLimit: adminProcedure
    .input(setApiRateLimitInputSchema)
    .mutation(({ ctx, input }) => setApiRateLimit(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  revokeKey: adminProcedure
    .input(revokeKeyInputSchema)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.deps, { type: "user", id: ctx.user.id }, input.keyId)),
});
