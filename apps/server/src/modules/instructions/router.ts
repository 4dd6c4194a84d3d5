import { z } from "zod";
import { wellFormedText } from "@countersign/shared/exact";
import { recordInstructionsInputSchema } from "@countersign/shared/instructions";
import { procedureWith, router } from "../../trpc/init";
import { instructionsHistory } from "./read";
import { recordInstructions } from "./record";

const bySystem = z.strictObject({ systemId: wellFormedText("systemId").min(1) });

export const instructionsRouter = router({
  /** Every version, newest first: the one in force is the first. */
  history: procedureWith("readInstructionsForUse").input(bySystem).query(({ ctx, input }) => instructionsHistory(ctx.deps.db, input.systemId)),
  record: procedureWith("editInstructionsForUse")
    .input(recordInstructionsInputSchema)
    .mutation(({ ctx, input }) => recordInstructions(ctx.deps, { type: "user", id: ctx.user.id }, input)),
});
