import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { driftAlerts } from "../../db/schema/metrics";
import type { Deps } from "../../lib/context";
import { systemById } from "../systems/queries";
import { rollingWindow } from "./drift";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Drift alerts of one system, newest first; an alert is open while clearedAt is null. */
export async function driftAlertsOf(db: Db, systemId: string, limit = 50) {
  return (await db
    .select()
    .from(driftAlerts)
    .where(eq(driftAlerts.systemId, systemId))
    .orderBy(desc(driftAlerts.raisedAt))
    .limit(limit)
    .all())
    .map((alert) => ({
      id: alert.id,
      open: alert.clearedAt === null,
      raisedAt: iso(alert.raisedAt)!,
      clearedAt: iso(alert.clearedAt),
      assumedRate: alert.assumedRate,
      tolerance: alert.tolerance,
      measuredRate: alert.measuredRate,
      windowTotal: alert.windowTotal,
      windowEscalated: alert.windowEscalated,
      clearedRate: alert.clearedRate,
    }));
}

/** The drift panel: the open alert, the history, and the rolling window as the check sees it now. */
export async function driftStatus(deps: Deps, systemId: string) {
  const system = await systemById(deps.db, systemId);
  const alerts = await driftAlertsOf(deps.db, system.id);
  const current = system.businessCase ? await rollingWindow(deps.db, system.id, system.businessCase, deps.now()) : null;
  return {
    open: alerts.find((alert) => alert.open) ?? null,
    alerts,
    /** Null without a business case. The check decides only once `total` reaches `minSample`. */
    current: current && {
      from: iso(current.window.from)!,
      to: iso(current.window.to)!,
      hours: current.window.hours,
      total: current.total,
      escalated: current.escalated,
      measuredRate: current.measuredRate,
      /** More escalations than reported outputs in the window: a layer conflict, so no rate and no decision. */
      exceedsReported: current.exceedsReported,
      assumedRate: system.businessCase!.assumedVerificationRate,
      tolerance: system.businessCase!.tolerance,
      minSample: system.businessCase!.driftMinSample,
    },
  };
}
