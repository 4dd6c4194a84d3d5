import { behindFlagInputSchema, indicatorWindowSchema } from "@countersign/shared/indicators";
import { procedureWith, router } from "../../trpc/init";
import { decisionsBehindFlag } from "./behind-flag";
import { leadDashboard } from "./dashboard";
import { scopeOf } from "./window";

export const indicatorsRouter = router({
  dashboard: procedureWith("readDashboard").input(indicatorWindowSchema).query(({ ctx, input }) => leadDashboard(ctx.deps, input)),
  behindFlag: procedureWith("readDashboard").input(behindFlagInputSchema).query(async ({ ctx, input }) => {
    const { reviewerId, kind, ...window } = input;
    return decisionsBehindFlag(ctx.deps.db, await scopeOf(ctx.deps.db, window), reviewerId, kind);
  }),
});
