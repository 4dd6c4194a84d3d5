import {
  closeIncidentInputSchema,
  incidentInputSchema,
  incidentsInputSchema,
  linkIncidentEscalationsInputSchema,
  recordIncidentInputSchema,
  recordNotificationInputSchema,
  releaseIncidentHoldInputSchema,
} from "@countersign/shared/incidents";
import { procedureWith, router } from "../../trpc/init";
import { closeIncident, releaseIncidentHold } from "./close";
import { linkIncidentEscalations } from "./link";
import { recordNotification } from "./notify";
import { incidentDetail, listIncidents, overdueIncidents } from "./queries";
import { recordIncident } from "./record";

export const incidentsRouter = router({
  list: procedureWith("readIncidents").input(incidentsInputSchema).query(({ ctx, input }) => listIncidents(ctx.deps.db, ctx.deps.now(), input)),
  get: procedureWith("readIncidents").input(incidentInputSchema).query(({ ctx, input }) => incidentDetail(ctx.deps.db, ctx.deps.now(), input.incidentId)),
  /** The lead's dashboard: reports to the authority past their Art. 73 deadline. */
  overdue: procedureWith("readDashboard").query(({ ctx }) => overdueIncidents(ctx.deps.db, ctx.deps.now())),
  record: procedureWith("recordIncidents")
    .input(recordIncidentInputSchema)
    .mutation(({ ctx, input }) => recordIncident(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  linkEscalations: procedureWith("recordIncidents")
    .input(linkIncidentEscalationsInputSchema)
    .mutation(({ ctx, input }) => linkIncidentEscalations(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  recordNotification: procedureWith("recordIncidents")
    .input(recordNotificationInputSchema)
    .mutation(({ ctx, input }) => recordNotification(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  close: procedureWith("recordIncidents").input(closeIncidentInputSchema).mutation(({ ctx, input }) => closeIncident(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  releaseHold: procedureWith("manageLegalHolds")
    .input(releaseIncidentHoldInputSchema)
    .mutation(({ ctx, input }) => releaseIncidentHold(ctx.deps, { type: "user", id: ctx.user.id }, input)),
});
