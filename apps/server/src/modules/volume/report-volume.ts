import { and, asc, eq, gt } from "drizzle-orm";
import type { VolumeInput } from "@countersign/shared/operations";
import { volumeReports } from "../../db/schema/metrics";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { canonicalJson, newId, sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";

export type VolumeReport = {
  id: string;
  periodStart: string;
  periodEnd: string;
  total: number;
  escalated: number | null;
};

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Stores how many outputs an AI system produced in one period. The period is the idempotency
 * key: the same figures again return the first report; different figures for the same period
 * are a conflict; a period that overlaps another reported period is refused, so no output is
 * ever counted twice.
 */
export async function reportVolume(deps: Deps, systemId: string, input: VolumeInput): Promise<VolumeReport & { created: boolean }> {
  const periodStart = Date.parse(input.periodStart);
  const periodEnd = Date.parse(input.periodEnd);
  const escalated = input.escalated ?? null;
  // Hash the instants, not the strings: "…T00:00:00Z" and "…T01:00:00+01:00" are the same period.
  const requestHash = sha256(canonicalJson({ periodStart, periodEnd, total: input.total, escalated }));
  const now = deps.now();
  const report = { periodStart: iso(periodStart), periodEnd: iso(periodEnd), total: input.total, escalated };
  return write(deps.db, async (tx) => {
    const same = await tx
      .select({ id: volumeReports.id, requestHash: volumeReports.requestHash })
      .from(volumeReports)
      .where(and(eq(volumeReports.systemId, systemId), eq(volumeReports.periodStart, periodStart), eq(volumeReports.periodEnd, periodEnd)))
      .get();
    if (same) {
      if (same.requestHash !== requestHash) {
        throw new AppError(
          "CONFLICT",
          `volume for ${report.periodStart} – ${report.periodEnd} was already reported with different figures; a period is reported once`,
          [{ path: "periodStart", message: "this period was already reported with different figures" }],
        );
      }
      return { id: same.id, ...report, created: false };
    }
    // Reported periods never overlap, so the first one ending after this start is the only candidate.
    const next = await tx
      .select({ start: volumeReports.periodStart, end: volumeReports.periodEnd })
      .from(volumeReports)
      .where(and(eq(volumeReports.systemId, systemId), gt(volumeReports.periodEnd, periodStart)))
      .orderBy(asc(volumeReports.periodEnd))
      .limit(1)
      .get();
    if (next && next.start < periodEnd) {
      const other = `${iso(next.start)} – ${iso(next.end)}`;
      throw new AppError(
        "CONFLICT",
        `the period ${report.periodStart} – ${report.periodEnd} overlaps the already reported period ${other}; report periods that do not overlap`,
        [{ path: "periodStart", message: `overlaps the reported period ${other}` }],
      );
    }
    const id = newId("vol");
    await tx.insert(volumeReports)
      .values({ id, systemId, periodStart, periodEnd, total: input.total, gatewayEscalated: escalated, requestHash, reportedAt: now })
      .run();
    await appendAudit(tx, { type: "ai_system", id: systemId }, now, {
      action: "volume.reported",
      entityType: "volume_report",
      entityId: id,
      payload: { systemId, ...report },
    });
    return { id, ...report, created: true };
  });
}
