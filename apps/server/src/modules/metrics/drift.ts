import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { BusinessCase } from "@countersign/shared/cost-model";
import type { Db, Tx } from "../../db/client";
import { driftAlerts } from "../../db/schema/metrics";
import { aiSystems } from "../../db/schema/systems";
import { server, type Deps } from "../../lib/context";
import { newId } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { appendOutbox } from "../outbox/append";
import { withinTolerance } from "@countersign/shared/figures";
import { periodsOverlapping, rateOver } from "./reported-periods";
import { log } from "../../lib/logger";

export type DriftCheck = {
  status: "no_business_case" | "insufficient_sample" | "received_exceeds_reported" | "within_tolerance" | "outside_tolerance";
  /** What this evaluation changed: an alert raised, an alert cleared, or nothing. */
  change: "raised" | "cleared" | null;
  /** The open alert after this evaluation, if any. */
  openAlertId: string | null;
  window: { from: number; to: number; hours: number } | null;
  total: number;
  escalated: number;
  measuredRate: number | null;
  exceedsReported: boolean;
};

/**
 * Holds the measured verification rate against the business case over a rolling window.
 *
 * The window is the business case's `driftWindowHours` (default 24) ending now. Every
 * reported volume period that overlaps the window counts — whole, not pro rata — together
 * with the escalations received within that period's own bounds, so numerator and
 * denominator always cover the same span. A decision is taken only when those periods total
 * at least `driftMinSample` outputs; below that, an open alert stays open.
 *
 * Outside assumed ± tolerance with no open alert: raise one. Inside with an open alert:
 * clear it. Each change writes its alert row, its audit entry and its outbox event in one
 * transaction.
 */
export async function evaluateDrift(deps: Deps, systemId: string): Promise<DriftCheck> {
  const now = deps.now();
  return write(deps.db, async (tx) => {
    const system = await tx.select({ businessCase: aiSystems.businessCase }).from(aiSystems).where(eq(aiSystems.id, systemId)).get();
    const open = await tx
      .select()
      .from(driftAlerts)
      .where(and(eq(driftAlerts.systemId, systemId), isNull(driftAlerts.clearedAt)))
      .get();
    const businessCase = system?.businessCase;
    if (!businessCase) {
      return {
        status: "no_business_case",
        change: null,
        openAlertId: open?.id ?? null,
        window: null,
        total: 0,
        escalated: 0,
        measuredRate: null,
        exceedsReported: false,
      };
    }
    const figures = await rollingWindow(tx, systemId, businessCase, now);
    const { window, total, escalated, measuredRate } = figures;
    const hours = window.hours;
    // More escalations than reported outputs is a layer conflict (shown as one), not a rate to hold
    // against the case: an open alert stays open, and none is raised on an impossible figure.
    if (figures.exceedsReported) return { status: "received_exceeds_reported", change: null, openAlertId: open?.id ?? null, ...figures };
    if (measuredRate === null || total < businessCase.driftMinSample) {
      return { status: "insufficient_sample", change: null, openAlertId: open?.id ?? null, ...figures };
    }
    const { assumedVerificationRate: assumed, tolerance } = businessCase;
    const outside = !withinTolerance(measuredRate, assumed, tolerance);
    const status = outside ? "outside_tolerance" : "within_tolerance";
    const about = { systemId, assumedRate: assumed, tolerance, measuredRate, windowTotal: total, windowEscalated: escalated, windowHours: hours };

    if (outside && !open) {
      const id = newId("drift");
      await tx.insert(driftAlerts)
        .values({ id, systemId, raisedAt: now, assumedRate: assumed, tolerance, measuredRate, windowTotal: total, windowEscalated: escalated })
        .run();
      await appendAudit(tx, server, now, { action: "alert.drift_raised", entityType: "drift_alert", entityId: id, payload: about });
      await appendOutbox(tx, now, { type: "verification_rate.drift_raised", systemId, payload: { alertId: id, raisedAt: new Date(now).toISOString(), ...about } });
      return { status, change: "raised", openAlertId: id, ...figures };
    }
    if (!outside && open) {
      await tx.update(driftAlerts).set({ clearedAt: now, clearedRate: measuredRate }).where(eq(driftAlerts.id, open.id)).run();
      await appendAudit(tx, server, now, { action: "alert.drift_cleared", entityType: "drift_alert", entityId: open.id, payload: about });
      await appendOutbox(tx, now, { type: "verification_rate.drift_cleared", systemId, payload: { alertId: open.id, clearedAt: new Date(now).toISOString(), ...about } });
      return { status, change: "cleared", openAlertId: null, ...figures };
    }
    return { status, change: null, openAlertId: open?.id ?? null, ...figures };
  });
}

/** The rolling drift window ending at `now` and what was reported and received in it (see evaluateDrift). */
export async function rollingWindow(db: Db | Tx, systemId: string, businessCase: BusinessCase, now: number) {
  const hours = businessCase.driftWindowHours;
  const window = { from: now - hours * 3_600_000, to: now, hours };
  const { total, received: escalated, rate } = await rateOver(db, periodsOverlapping(systemId, window.from, window.to));
  return { window, total, escalated, measuredRate: rate.rate, exceedsReported: rate.exceedsReported };
}

/** The periodic check the server runs, so drift is seen even when no volume arrives. */
export async function sweepDrift(deps: Deps) {
  const systems = await deps.db.select({ id: aiSystems.id }).from(aiSystems).where(isNotNull(aiSystems.businessCase)).all();
  const changes: { systemId: string; change: "raised" | "cleared" }[] = [];
  for (const { id } of systems) {
    try {
      const check = await evaluateDrift(deps, id);
      if (check.change) changes.push({ systemId: id, change: check.change });
    } catch (error) {
      // One system's failure must not stop the others' checks.
      log.error({ err: error, job: "drift", systemId: id }, "drift check failed");
    }
  }
  return changes;
}
