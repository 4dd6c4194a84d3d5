import { behindFlagInputSchema, indicatorWindowSchema } from "@countersign/shared/indicators";
import { procedureFor, router } from "../../trpc/init";
import { decisionsBehindFlag } from "./behind-flag";
import { leadDashboard } from "./dashboard";
import { scopeOf } from "./window";

const leadProcedure = procedureFor("lead", "admin");

export const indicatorsRouter = router({
  dashboard: leadProcedure.input(indicatorWindowSchema).query(({ ctx, input }) => leadDashboard(ctx.deps, input)),
  behindFlag: leadProcedure.input(behindFlagInputSchema).query(({ ctx, input }) => {
    const { reviewerId, kind, ...window } = input;
    return decisionsBehindFlag(ctx.deps.db, scopeOf(ctx.deps.db, window), reviewerId, kind);
  }),
});
