import { z } from "zod";
import { metricsWindowSchema } from "@countersign/shared/operations";
import { procedureFor, router } from "../../trpc/init";
import { driftStatus } from "./alerts";
import { escalationBreakdowns } from "./breakdowns";
import { layerConflictsFor } from "./conflicts";
import { businessCaseFigures } from "./cost";
import { openItemsOfSystem } from "./open-items";
import { rateSeries } from "./series";

/** Leads steer by these figures, auditors check them, admins set the case they are held against. */
const metricsProcedure = procedureFor("lead", "auditor", "admin");

export const metricsRouter = router({
  rates: metricsProcedure.input(metricsWindowSchema).query(({ ctx, input }) => rateSeries(ctx.deps, input)),
  breakdowns: metricsProcedure.input(metricsWindowSchema).query(({ ctx, input }) => escalationBreakdowns(ctx.deps, input)),
  cost: metricsProcedure.input(metricsWindowSchema).query(({ ctx, input }) => businessCaseFigures(ctx.deps, input)),
  alerts: metricsProcedure
    .input(z.strictObject({ systemId: z.string().min(1) }))
    .query(({ ctx, input }) => driftStatus(ctx.deps, input.systemId)),
  open: metricsProcedure
    .input(z.strictObject({ systemId: z.string().min(1) }))
    .query(({ ctx, input }) => openItemsOfSystem(ctx.deps, input.systemId)),
  conflicts: metricsProcedure.input(metricsWindowSchema).query(({ ctx, input }) => layerConflictsFor(ctx.deps, input)),
});
