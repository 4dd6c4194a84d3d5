import { z } from "zod";
import { monitoringNoticeVersion } from "@countersign/shared/monitoring-notice";
import { AppError } from "../../lib/errors";
import { procedureWith, router } from "../../trpc/init";
import { acknowledgeMonitoringNotice, monitoringNoticeFor } from "./notice";

export const monitoringNoticeRouter = router({
  mine: procedureWith("acknowledgeMonitoringNotice").query(({ ctx }) => monitoringNoticeFor(ctx.deps.db, ctx.user.id)),
  /** The version read is sent back, so an acknowledgement never covers a text the person did not see. */
  acknowledge: procedureWith("acknowledgeMonitoringNotice")
    .input(z.strictObject({ version: z.number().int() }))
    .mutation(({ ctx, input }) => {
      if (input.version !== monitoringNoticeVersion) {
        throw new AppError("CONFLICT", `the notice changed to version ${monitoringNoticeVersion} after you opened it; read it again`, [
          { path: "version", message: `the current version is ${monitoringNoticeVersion}` },
        ]);
      }
      return acknowledgeMonitoringNotice(ctx.deps, ctx.user.id, input.version);
    }),
});
