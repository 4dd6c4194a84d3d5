import { z } from "zod";
import { wellFormedText } from "@countersign/shared/exact";
import {
  createSystemInputSchema,
  issueKeyInputSchema,
  revokeKeyInputSchema,
  setApiRateLimitInputSchema,
  setPolicyInputSchema,
  updateSystemInputSchema,
} from "@countersign/shared/admin";
import { haltInputSchema, resumeInputSchema, setBusinessCaseInputSchema } from "@countersign/shared/operations";
import { procedureWith, router } from "../../trpc/init";
import { issueApiKey, revokeApiKey } from "./api-keys";
import { createSystem } from "./create-system";
import { haltSystem, resumeSystem } from "./halt";
import { listKeys } from "./queries";
import { setApiRateLimit } from "./set-api-rate-limit";
import { setBusinessCase } from "./set-business-case";
import { stopAuthority } from "./stop-authority";
import { listSystemsWithStopState } from "./stop-state";
import { setReviewPolicy, updateSystem } from "./update-system";

const bySystem = z.strictObject({ systemId: wellFormedText("systemId").min(1) });

export const systemsRouter = router({
  list: procedureWith("readSystems").query(({ ctx }) => listSystemsWithStopState(ctx.deps.db)),
  create: procedureWith("configureSystems")
    .input(createSystemInputSchema)
    .mutation(({ ctx, input }) => createSystem(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  update: procedureWith("configureSystems").input(updateSystemInputSchema).mutation(async ({ ctx, input }) => {
    const { systemId, ...change } = input;
    await updateSystem(ctx.deps, { type: "user", id: ctx.user.id }, systemId, change);
  }),
  setPolicy: procedureWith("configureSystems")
    .input(setPolicyInputSchema)
    .mutation(({ ctx, input }) => setReviewPolicy(ctx.deps, { type: "user", id: ctx.user.id }, input.systemId, input.policy)),
  setBusinessCase: procedureWith("configureSystems")
    .input(setBusinessCaseInputSchema)
    .mutation(({ ctx, input }) => setBusinessCase(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  /** Whether the signed-in user may halt and resume this system, and if not, why: the UI shows the stop button by it. */
  stopAuthority: procedureWith("stopSystems").input(bySystem).query(({ ctx, input }) => stopAuthority(ctx.deps.db, { type: "user", id: ctx.user.id }, input.systemId, ctx.deps.now())),
  halt: procedureWith("stopSystems").input(haltInputSchema).mutation(({ ctx, input }) => haltSystem(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  resume: procedureWith("stopSystems").input(resumeInputSchema).mutation(({ ctx, input }) => resumeSystem(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  keys: procedureWith("manageApiKeys")
    .input(z.strictObject({ systemId: wellFormedText("systemId").min(1) }))
    .query(({ ctx, input }) => listKeys(ctx.deps.db, input.systemId)),
  issueKey: procedureWith("manageApiKeys")
    .input(issueKeyInputSchema)
    .mutation(({ ctx, input }) => issueApiKey(ctx.deps, { type: "user", id: ctx.user.id }, input.systemId, input.label)),
  setApiRateLimit: procedureWith("manageApiKeys")
    .input(setApiRateLimitInputSchema)
    .mutation(({ ctx, input }) => setApiRateLimit(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  revokeKey: procedureWith("manageApiKeys")
    .input(revokeKeyInputSchema)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.deps, { type: "user", id: ctx.user.id }, input.keyId)),
});
