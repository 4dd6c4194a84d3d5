import { and, eq } from "drizzle-orm";
import { monitoringNotice, monitoringNoticeVersion } from "@countersign/shared/monitoring-notice";
import type { Db } from "../../db/client";
import { monitoringAcknowledgements } from "../../db/schema/instructions";
import type { Deps } from "../../lib/context";
import { canonicalJson, sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";

/** SHA-256 of the notice's canonical JSON: names exactly the text a reviewer acknowledged. */
export const monitoringNoticeSha256 = sha256(canonicalJson(monitoringNotice));

/**
 * The notice for one person: its text and version, and whether they acknowledged this version.
 * The workbench asks again whenever the version changes.
 */
export async function monitoringNoticeFor(db: Db, userId: string) {
  const acknowledged = await db
    .select({ at: monitoringAcknowledgements.acknowledgedAt })
    .from(monitoringAcknowledgements)
    .where(and(eq(monitoringAcknowledgements.userId, userId), eq(monitoringAcknowledgements.noticeVersion, monitoringNoticeVersion)))
    .get();
  return {
    version: monitoringNoticeVersion,
    sha256: monitoringNoticeSha256,
    notice: monitoringNotice,
    acknowledgedAt: acknowledged ? new Date(acknowledged.at).toISOString() : null,
  };
}

/**
 * Records that a person read the current notice: once per version, audited with the version and
 * its digest. Acknowledging a version again changes nothing and writes nothing.
 */
export function acknowledgeMonitoringNotice(deps: Deps, userId: string, version: number) {
  const now = deps.now();
  return write(deps.db, async (tx) => {
    const recorded = (await tx
      .insert(monitoringAcknowledgements)
      .values({ userId, noticeVersion: version, noticeSha256: monitoringNoticeSha256, acknowledgedAt: now })
      .onConflictDoNothing()
      .run()).changes;
    if (recorded === 1) {
      await appendAudit(tx, { type: "user", id: userId }, now, {
        action: "monitoring_notice.acknowledged",
        entityType: "user",
        entityId: userId,
        payload: { noticeVersion: version, noticeSha256: monitoringNoticeSha256 },
      });
    }
    return { acknowledged: true, recorded: recorded === 1 };
  });
}
