import { z } from "zod";
import {
  createSystemInputSchema,
  issueKeyInputSchema,
  revokeKeyInputSchema,
  setPolicyInputSchema,
  updateSystemInputSchema,
} from "@countersign/shared/admin";
import { adminProcedure, oversightProcedure, router } from "../../trpc/init";
import { issueApiKey, revokeApiKey } from "./api-keys";
import { createSystem } from "./create-system";
import { listKeys, listSystems } from "./queries";
import { setReviewPolicy, updateSystem } from "./update-system";

export const systemsRouter = router({
  list: oversightProcedure.query(({ ctx }) => listSystems(ctx.deps.db)),
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
  keys: adminProcedure
    .input(z.strictObject({ systemId: z.string().min(1) }))
    .query(({ ctx, input }) => listKeys(ctx.deps.db, input.systemId)),
  issueKey: adminProcedure
    .input(issueKeyInputSchema)
    .mutation(({ ctx, input }) => issueApiKey(ctx.deps, { type: "user", id: ctx.user.id }, input.systemId, input.label)),
  revokeKey: adminProcedure
    .input(revokeKeyInputSchema)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.deps, { type: "user", id: ctx.user.id }, input.keyId)),
});
