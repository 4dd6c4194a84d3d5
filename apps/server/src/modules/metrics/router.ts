import { z } from "zod";
import { wellFormedText } from "@countersign/shared/exact";
import { metricsWindowSchema } from "@countersign/shared/operations";
import { procedureWith, router } from "../../trpc/init";
import { driftStatus } from "./alerts";
import { escalationBreakdowns } from "./breakdowns";
import { layerConflictsFor } from "./conflicts";
import { businessCaseFigures } from "./cost";
import { openItemsOfSystem } from "./open-items";
import { rateSeries } from "./series";

export const metricsRouter = router({
  rates: procedureWith("readMetrics").input(metricsWindowSchema).query(({ ctx, input }) => rateSeries(ctx.deps, input)),
  breakdowns: procedureWith("readMetrics").input(metricsWindowSchema).query(({ ctx, input }) => escalationBreakdowns(ctx.deps, input)),
  cost: procedureWith("readMetrics").input(metricsWindowSchema).query(({ ctx, input }) => businessCaseFigures(ctx.deps, input)),
  alerts: procedureWith("readMetrics")
    .input(z.strictObject({ systemId: wellFormedText("systemId").min(1) }))
    .query(({ ctx, input }) => driftStatus(ctx.deps, input.systemId)),
  open: procedureWith("readMetrics")
    .input(z.strictObject({ systemId: wellFormedText("systemId").min(1) }))
    .query(({ ctx, input }) => openItemsOfSystem(ctx.deps, input.systemId)),
  conflicts: procedureWith("readMetrics").input(metricsWindowSchema).query(({ ctx, input }) => layerConflictsFor(ctx.deps, input)),
});
