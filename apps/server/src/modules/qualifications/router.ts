import {
  grantQualificationInputSchema,
  listQualificationsInputSchema,
  revokeQualificationInputSchema,
} from "@countersign/shared/qualifications";
import { procedureWith, router } from "../../trpc/init";
import { grantQualification } from "./grant";
import { revokeQualification } from "./revoke";
import { listQualifications } from "./list";

export const qualificationsRouter = router({
  list: procedureWith("readQualifications")
    .input(listQualificationsInputSchema)
    .query(({ ctx, input }) => listQualifications(ctx.deps.db, ctx.deps.now(), input)),
  grant: procedureWith("manageQualifications")
    .input(grantQualificationInputSchema)
    .mutation(({ ctx, input }) => grantQualification(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  revoke: procedureWith("manageQualifications").input(revokeQualificationInputSchema).mutation(async ({ ctx, input }) => {
    await revokeQualification(ctx.deps, { type: "user", id: ctx.user.id }, input);
    return { ok: true };
  }),
});
