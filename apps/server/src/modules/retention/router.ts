import { holdsInputSchema, liftHoldInputSchema, placeHoldInputSchema } from "@countersign/shared/retention";
import { procedureWith, router } from "../../trpc/init";
import { legalHoldsFor, liftLegalHold, placeLegalHold } from "./holds";

export const retentionRouter = router({
  holds: procedureWith("readAuditTrail").input(holdsInputSchema).query(({ ctx, input }) => legalHoldsFor(ctx.deps.db, input)),
  placeHold: procedureWith("manageLegalHolds").input(placeHoldInputSchema).mutation(({ ctx, input }) => placeLegalHold(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  liftHold: procedureWith("manageLegalHolds").input(liftHoldInputSchema).mutation(({ ctx, input }) => liftLegalHold(ctx.deps, { type: "user", id: ctx.user.id }, input)),
});
