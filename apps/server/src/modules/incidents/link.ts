import { eq } from "drizzle-orm";
import { linkIncidentEscalationsInputSchema, type LinkIncidentEscalationsInput } from "@countersign/shared/incidents";
import { incidentEscalations } from "../../db/schema/incidents";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { incidentRow } from "./queries";
import { escalationsByReference } from "./record";

type Person = Extract<Actor, { type: "user" }>;

/**
 * Links escalations found after the incident was recorded (by id or the AI system's externalId,
 * each of the incident's system). Linking places the incident's legal hold on them, as recording
 * does: purging keeps them from this moment. Those already linked are left as they are; an
 * incident whose hold was released holds nothing, so it takes no more (record a new incident).
 */
export function linkIncidentEscalations(deps: Deps, actor: Person, raw: LinkIncidentEscalationsInput) {
  const input = linkIncidentEscalationsInputSchema.parse(raw);
  const now = deps.now();
  return write(deps.db, async (tx) => {
    const incident = await incidentRow(tx, input.incidentId);
    if (incident.holdReleasedAt !== null) {
      throw new AppError("CONFLICT", `the incident's legal hold was released on ${new Date(incident.holdReleasedAt).toISOString()}: linking would hold nothing; record a new incident`, [
        { path: "incidentId", message: "hold released" },
      ]);
    }
    const named = await escalationsByReference(tx, incident.systemId, input.escalations);
    const already = new Set(
      (await tx.select({ id: incidentEscalations.escalationId }).from(incidentEscalations).where(eq(incidentEscalations.incidentId, incident.id)).all()).map((r) => r.id),
    );
    const linked = named.filter((id) => !already.has(id));
    if (linked.length === 0) return { linked, alreadyLinked: named };
    await tx.insert(incidentEscalations).values(linked.map((escalationId) => ({ incidentId: incident.id, escalationId }))).run();
    await appendAudit(tx, actor, now, {
      action: "incident.escalations_linked",
      entityType: "incident",
      entityId: incident.id,
      payload: { systemId: incident.systemId, escalationIds: linked },
    });
    return { linked, alreadyLinked: named.filter((id) => already.has(id)) };
  });
}
