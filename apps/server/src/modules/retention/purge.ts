import { reviewPolicySchema } from "@countersign/shared/policy";
import type { Actor, Deps } from "../../lib/context";
import { write } from "../../lib/tx";
import { appendAudit } from "../audit/append";

export type PurgeReport = {
  dryRun: boolean;
  systems: { slug: string; retentionDays: number; cutoff: string; escalations: number; verifications: number }[];
};

const batchSize = 1000;
const purged = "[purged after the retention period]";

/**
 * Deletes what is past each system's retention period: the content of escalations decided
 * before the cutoff (input, AI output, summary, evidence, metadata) and their verifications,
 * judgements, evidence openings and resolutions. Audit entries stay: they hold ids and hashes
 * only, so the log still verifies. Each batch is one transaction with its own audit entry.
 * Gold copies are curated test content and stay.
 */
export function purgeExpired(deps: Deps, actor: Actor, options: { dryRun: boolean }): PurgeReport {
  const now = deps.now();
  const client = deps.db.$client;
  const systems = client.prepare("SELECT id, slug, policy FROM ai_systems ORDER BY slug").all() as { id: string; slug: string; policy: string }[];
  const report: PurgeReport = { dryRun: options.dryRun, systems: [] };
  for (const system of systems) {
    const { retentionDays } = reviewPolicySchema.parse(JSON.parse(system.policy));
    if (retentionDays === null) continue;
    const cutoff = now - retentionDays * 86_400_000;
    const due = `FROM escalations WHERE system_id = :systemId AND status = 'decided' AND decided_at < :cutoff
                   AND purged_at IS NULL AND gold_item_id IS NULL`;
    const params = { systemId: system.id, cutoff };
    const line = { slug: system.slug, retentionDays, cutoff: new Date(cutoff).toISOString(), escalations: 0, verifications: 0 };
    if (options.dryRun) {
      line.escalations = client.prepare(`SELECT count(*) ${due}`).pluck().get(params) as number;
      line.verifications = client
        .prepare(`SELECT count(*) FROM verifications WHERE escalation_id IN (SELECT id ${due})`)
        .pluck()
        .get(params) as number;
    } else {
      for (;;) {
        const batch = write(deps.db, (tx) => {
          const ids = client.prepare(`SELECT id ${due} LIMIT ${batchSize}`).pluck().all(params) as string[];
          if (ids.length === 0) return null;
          const list = JSON.stringify(ids);
          const inList = "IN (SELECT value FROM json_each(?))";
          const verifications = client.prepare(`DELETE FROM verifications WHERE escalation_id ${inList}`).run(list).changes;
          client.prepare(`DELETE FROM judgements WHERE escalation_id ${inList}`).run(list);
          client.prepare(`DELETE FROM evidence_openings WHERE escalation_id ${inList}`).run(list);
          client.prepare(`DELETE FROM resolutions WHERE escalation_id ${inList}`).run(list);
          client
            .prepare(
              `UPDATE escalations SET input_json = ?, ai_output_json = ?, context_summary = ?, reason_explanation = ?,
                      evidence = NULL, metadata = NULL, purged_at = ? WHERE id ${inList}`,
            )
            .run(JSON.stringify(purged), JSON.stringify(purged), purged, purged, now, list);
          appendAudit(tx, actor, now, {
            action: "retention.purged",
            entityType: "ai_system",
            entityId: system.id,
            payload: { retentionDays, cutoff: new Date(cutoff).toISOString(), escalationIds: ids, verifications },
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
