import { UTCDate } from "@date-fns/utc";
import { subMonths } from "date-fns";
import { reviewPolicySchema } from "@countersign/shared/policy";
import type { Actor, Deps } from "../../lib/context";
import { dialectOf } from "../../db/dialect";
import { engineOf } from "../../db/transaction";
import { statement } from "../../lib/prepared";
import { write } from "../../lib/tx";
import { purgeContent } from "../escalations/lifecycle";
import { untallyVerificationsOf } from "../tallies/record";

export type PurgeReport = {
  dryRun: boolean;
  systems: {
    slug: string;
    retentionMonths: number;
    cutoff: string;
    escalations: number;
    verifications: number;
    /** Past the retention period, but kept: a legal hold in force covers them. */
    held: number;
  }[];
};

const batchSize = 1000;

/**
 * Deletes what is past each system's retention period: the content of escalations decided (or
 * expired) before the cutoff (input, AI output, summary, evidence, metadata) and their verifications,
 * judgements, evidence openings, resolutions and reopenings. The period is counted in calendar months (in
 * UTC), so six months are never fewer than six months. A legal hold in force on the system or
 * the escalation keeps it, and so does an incident linked to it whose hold is not released. Audit
 * entries stay: they hold ids and hashes only, so the log still verifies. Each batch is one
 * IMMEDIATE transaction that re-reads what is due and has its own audit entry, so the server's
 * daily run and an operator's `retention purge` can overlap without purging anything twice or
 * past a hold placed meanwhile. Gold copies are curated test content and stay.
 */
export async function purgeExpired(deps: Deps, actor: Actor, options: { dryRun: boolean }): Promise<PurgeReport> {
  const now = deps.now();
  const db = deps.db;
  const inList = dialectOf(db).inJsonList("?");
  const systems = await statement(db, "SELECT id, slug, policy FROM ai_systems ORDER BY slug").all<{ id: string; slug: string; policy: string }>();
  const report: PurgeReport = { dryRun: options.dryRun, systems: [] };
  for (const system of systems) {
    const { retentionMonths } = reviewPolicySchema.parse(JSON.parse(system.policy));
    if (retentionMonths === null) continue;
    const cutoff = subMonths(new UTCDate(now), retentionMonths).getTime();
    // The first line is escalations_retention_idx's range: only what has yet to be purged, never the
    // system's whole history (SQLite is told the index: without statistics it would take another).
    const expired = `FROM escalations e${engineOf(db) === "sqlite" ? " INDEXED BY escalations_retention_idx" : ""}
                   WHERE system_id = :systemId AND status IN ('decided', 'expired') AND coalesce(decided_at, expired_at) < :cutoff
                   AND (status = 'decided' AND decided_at < :cutoff OR status = 'expired' AND expired_at < :cutoff)
                   AND purged_at IS NULL AND gold_item_id IS NULL`;
    const held = `(EXISTS (SELECT 1 FROM legal_holds h WHERE h.system_id = e.system_id AND h.lifted_at IS NULL
                           AND (h.escalation_id IS NULL OR h.escalation_id = e.id))
                   OR EXISTS (SELECT 1 FROM incident_escalations ie JOIN incidents i ON i.id = ie.incident_id
                               WHERE ie.escalation_id = e.id AND i.hold_released_at IS NULL))`;
    const due = `${expired} AND NOT ${held}`;
    const params = { systemId: system.id, cutoff };
    const line = { slug: system.slug, retentionMonths, cutoff: new Date(cutoff).toISOString(), escalations: 0, verifications: 0, held: 0 };
    line.held = (await statement(db, `SELECT count(*) ${expired} AND ${held}`).value<number>(params))!;
    if (options.dryRun) {
      line.escalations = (await statement(db, `SELECT count(*) ${due}`).value<number>(params))!;
      line.verifications = (await statement(db, `SELECT count(*) FROM verifications WHERE escalation_id IN (SELECT id ${due})`).value<number>(params))!;
    } else {
      for (;;) {
        const batch = await write(db, async (tx) => {
          // In the order they fell due, so both engines purge the same batches and list them alike in the audit entry.
          const ids = await statement(tx, `SELECT id ${due} ORDER BY coalesce(decided_at, expired_at), id LIMIT ${batchSize}`).column<string>(params);
          if (ids.length === 0) return null;
          const list = JSON.stringify(ids);
          await untallyVerificationsOf(tx, ids);
          const verifications = (await statement(tx, `DELETE FROM verifications WHERE escalation_id ${inList}`).run(list)).changes;
          await statement(tx, `DELETE FROM judgements WHERE escalation_id ${inList}`).run(list);
          await statement(tx, `DELETE FROM evidence_openings WHERE escalation_id ${inList}`).run(list);
          await statement(tx, `DELETE FROM resolutions WHERE escalation_id ${inList}`).run(list);
          // A reopening's reason speaks of the content; the audit entry keeps its hash.
          await statement(tx, `DELETE FROM reopenings WHERE escalation_id ${inList}`).run(list);
          await purgeContent(tx, system.id, ids, now, {
            actor,
            action: "retention.purged",
            payload: { retentionMonths, cutoff: new Date(cutoff).toISOString(), escalationIds: ids, verifications },
          });
          return { escalations: ids.length, verifications };
        });
        if (!batch) break;
        line.escalations += batch.escalations;
        line.verifications += batch.verifications;
      }
    }
    report.systems.push(line);
  }
  return report;
}
