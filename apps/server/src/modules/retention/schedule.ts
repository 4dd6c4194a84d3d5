import { server, type Deps } from "../../lib/context";
import { purgeExpired, type PurgeReport } from "./purge";
import { log } from "../../lib/logger";

export const purgeEveryMs = 24 * 60 * 60_000;

/**
 * Purges what is past retention once a day, and once shortly after start, as the server: keeping
 * content no longer than the policy says is as much a duty as keeping it long enough. Returns the
 * function that stops the schedule.
 */
export function startRetentionSchedule(
  deps: Deps,
  onError: (error: unknown) => void = (err) => log.error({ err, job: "retention" }, "purge failed"),
  onPurged: (report: PurgeReport) => void = logPurged,
): () => void {
  const run = async () => {
    try {
      onPurged(await purgeExpired(deps, server, { dryRun: false }));
    } catch (error) {
      onError(error);
    }
  };
  const first = setTimeout(() => void run(), 60_000);
  const daily = setInterval(() => void run(), purgeEveryMs);
  return () => {
    clearTimeout(first);
    clearInterval(daily);
  };
}

function logPurged(report: PurgeReport) {
  for (const s of report.systems) {
    if (s.escalations > 0 || s.held > 0) {
      log.info({ job: "retention", system: s.slug, purged: s.escalations, decidedBefore: s.cutoff, keptUnderHold: s.held }, "purged content past retention");
    }
  }
}
