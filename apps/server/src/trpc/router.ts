import { affectedPersonRequestsRouter } from "../modules/affected-person-requests/router";
import { auditRouter } from "../modules/audit/router";
import { goldRouter } from "../modules/gold/router";
import { instructionsRouter } from "../modules/instructions/router";
import { incidentsRouter } from "../modules/incidents/router";
import { indicatorsRouter } from "../modules/indicators/router";
import { metricsRouter } from "../modules/metrics/router";
import { monitoringNoticeRouter } from "../modules/monitoring-notice/router";
import { notificationsRouter } from "../modules/notifications/router";
import { qualificationsRouter } from "../modules/qualifications/router";
import { queueRouter } from "../modules/queue/router";
import { reviewsRouter } from "../modules/reviews/router";
import { readinessRouter } from "../modules/readiness/router";
import { retentionRouter } from "../modules/retention/router";
import { systemsRouter } from "../modules/systems/router";
import { authRouter, usersRouter } from "../modules/users/router";
import { webhooksRouter } from "../modules/webhooks/router";
import { router } from "./init";

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  systems: systemsRouter,
  queue: queueRouter,
  reviews: reviewsRouter,
  audit: auditRouter,
  metrics: metricsRouter,
  readiness: readinessRouter,
  gold: goldRouter,
  indicators: indicatorsRouter,
  qualifications: qualificationsRouter,
  retention: retentionRouter,
  webhooks: webhooksRouter,
  notifications: notificationsRouter,
  affectedPersonRequests: affectedPersonRequestsRouter,
  instructions: instructionsRouter,
  monitoringNotice: monitoringNoticeRouter,
  incidents: incidentsRouter,
});
export type AppRouter = typeof appRouter;
