import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { recordIncidentInputSchema, reportDueAt, type RecordIncidentInput } from "@countersign/shared/incidents";
import type { Tx } from "../../db/client";
import { escalations } from "../../db/schema/escalations";
import { incidentEscalations, incidents } from "../../db/schema/incidents";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { newId, sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { systemById } from "../systems/queries";

type Person = Extract<Actor, { type: "user" }>;

/**
 * Records an incident of an AI system with the reporting clock its kind sets (Art. 73), linked to
 * the escalations it is about. A legal hold on those escalations is in force from this moment:
 * purging keeps them, their verifications and their trail until the hold is released. The audit
 * entry carries hashes of the title and description, not the text: it may name affected people.
 */
export function recordIncident(deps: Deps, actor: Person, raw: RecordIncidentInput) {
  const input = recordIncidentInputSchema.parse(raw);
  const now = deps.now();
  const [occurredAt, awareAt] = [Date.parse(input.occurredAt), Date.parse(input.awareAt)];
  if (awareAt > now) {
    throw new AppError("BAD_REQUEST", "awareAt must not be in the future: the clock starts when the incident became known", [
      { path: "awareAt", message: "in the future" },
    ]);
  }
  const due = reportDueAt(input.kind, awareAt);
  return write(deps.db, async (tx) => {
    const system = await systemById(tx, input.systemId);
    const linked = await escalationsByReference(tx, system.id, input.escalations);
    const id = newId("inc");
    await tx.insert(incidents)
      .values({
        id,
        systemId: system.id,
        title: input.title,
        description: input.description,
        kind: input.kind,
        severity: input.severity,
        status: "open",
        occurredAt,
        awareAt,
        reportDueAt: due === null ? null : Date.parse(due),
        recordedBy: actor.id,
        recordedAt: now,
      })
      .run();
    if (linked.length > 0) await tx.insert(incidentEscalations).values(linked.map((escalationId) => ({ incidentId: id, escalationId }))).run();
    await appendAudit(tx, actor, now, {
      action: "incident.recorded",
      entityType: "incident",
      entityId: id,
      payload: {
        systemId: system.id,
        kind: input.kind,
        severity: input.severity,
        occurredAt: new Date(occurredAt).toISOString(),
        awareAt: new Date(awareAt).toISOString(),
        reportDueAt: due,
        escalationIds: linked,
        titleSha256: sha256(input.title),
        descriptionSha256: sha256(input.description),
      },
    });
    return { id, reportDueAt: due };
  });
}

/**
 * The escalations named by id or by the AI system's externalId, all of this system. A gold copy
 * reuses its template's externalId; the externalId names the system's own escalation.
 */
export async function escalationsByReference(tx: Tx, systemId: string, references: string[]): Promise<string[]> {
  const wanted = [...new Set(references)];
  if (wanted.length === 0) return [];
  const rows = await tx
    .select({ id: escalations.id, externalId: escalations.externalId, goldItemId: escalations.goldItemId })
    .from(escalations)
    .where(
      and(
        eq(escalations.systemId, systemId),
        or(inArray(escalations.id, wanted), and(inArray(escalations.externalId, wanted), isNull(escalations.goldItemId))),
      ),
    )
    .all();
  const ids = new Set<string>();
  for (const reference of wanted) {
    const match = rows.find((r) => r.id === reference) ?? rows.find((r) => r.externalId === reference && r.goldItemId === null);
    if (!match) {
      throw new AppError("BAD_REQUEST", `no escalation of this AI system has the id or externalId "${reference}"`, [
        { path: "escalations", message: `"${reference}" is not an escalation of this system` },
      ]);
    }
    ids.add(match.id);
  }
  return [...ids];
}
