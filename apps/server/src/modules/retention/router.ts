import { holdsInputSchema, liftHoldInputSchema, placeHoldInputSchema } from "@countersign/shared/retention";
import { procedureFor, trailProcedure, router } from "../../trpc/init";
import { legalHoldsFor, liftLegalHold, placeLegalHold } from "./holds";

/**
 * Who may place and lift a legal hold: admins, who answer for the systems' configuration, and
 * leads, who answer for their operation and are the first to learn of a complaint, incident or
 * authority's request. Reviewers may not: a hold decides what of their own work is kept.
 * Auditors read holds but do not place them: they inspect, they do not operate.
 */
const holdProcedure = procedureFor("lead", "admin");

export const retentionRouter = router({
  holds: trailProcedure.input(holdsInputSchema).query(({ ctx, input }) => legalHoldsFor(ctx.deps.db, input)),
  placeHold: holdProcedure.input(placeHoldInputSchema).mutation(({ ctx, input }) => placeLegalHold(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  liftHold: holdProcedure.input(liftHoldInputSchema).mutation(({ ctx, input }) => liftLegalHold(ctx.deps, { type: "user", id: ctx.user.id }, input)),
});
