import { z } from "zod";
import { escalationIdSchema } from "@countersign/shared/review";
import { router, trailProcedure } from "../../trpc/init";
import { escalationTimeline } from "./timeline";
import { verifyAuditLog } from "./verify";

export const auditRouter = router({
  timeline: trailProcedure
    .input(z.strictObject({ escalationId: escalationIdSchema }))
    .query(({ ctx, input }) => escalationTimeline(ctx.deps, input.escalationId)),
  verify: trailProcedure.query(({ ctx }) => verifyAuditLog(ctx.deps.db)),
});
