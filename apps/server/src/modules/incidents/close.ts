import { and, eq, isNull, ne } from "drizzle-orm";
import type { z } from "zod";
import type { closeIncidentInputSchema, releaseIncidentHoldInputSchema } from "@countersign/shared/incidents";
import { incidents } from "../../db/schema/incidents";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { incidentRow } from "./queries";

type Person = Extract<Actor, { type: "user" }>;

/** Closes an incident with a reason. Closing does not release the hold: a matter may outlive the incident. */
export async function closeIncident(deps: Deps, actor: Person, input: z.output<typeof closeIncidentInputSchema>) {
  const now = deps.now();
  await write(deps.db, async (tx) => {
    // One conditional UPDATE: an incident is closed once, by one person.
    const closed = await tx
      .update(incidents)
      .set({ status: "closed", closedBy: actor.id, closedAt: now, closeReason: input.reason })
      .where(and(eq(incidents.id, input.incidentId), ne(incidents.status, "closed")))
      .returning({ systemId: incidents.systemId })
      .get();
    if (!closed) {
      await incidentRow(tx, input.incidentId);
      throw new AppError("CONFLICT", "the incident is already closed", [{ path: "incidentId", message: "already closed" }]);
    }
    await appendAudit(tx, actor, now, {
      action: "incident.closed",
      entityType: "incident",
      entityId: input.incidentId,
      payload: { systemId: closed.systemId, reason: input.reason },
    });
  });
}

/**
 * Releases the legal hold an incident places on its escalations, with a reason: from then on,
 * purging treats them by the retention period again (unless another hold covers them).
 */
export async function releaseIncidentHold(deps: Deps, actor: Person, input: z.output<typeof releaseIncidentHoldInputSchema>) {
  const now = deps.now();
  await write(deps.db, async (tx) => {
    const released = await tx
      .update(incidents)
      .set({ holdReleasedBy: actor.id, holdReleasedAt: now, holdReleaseReason: input.reason })
      .where(and(eq(incidents.id, input.incidentId), isNull(incidents.holdReleasedAt)))
      .returning({ systemId: incidents.systemId })
      .get();
    if (!released) {
      const incident = await incidentRow(tx, input.incidentId);
      throw new AppError("CONFLICT", `the incident's legal hold was already released on ${new Date(incident.holdReleasedAt!).toISOString()}`, [
        { path: "incidentId", message: "hold already released" },
      ]);
    }
    await appendAudit(tx, actor, now, {
      action: "incident.hold_released",
      entityType: "incident",
      entityId: input.incidentId,
      payload: { systemId: released.systemId, reason: input.reason },
    });
  });
}
