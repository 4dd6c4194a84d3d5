import { eq } from "drizzle-orm";
import { recordNotificationInputSchema, type IncidentKind, type NotifiedParty, type RecordNotificationInput } from "@countersign/shared/incidents";
import { incidentNotifications, incidents } from "../../db/schema/incidents";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { newId, sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { incidentRow } from "./queries";

type Person = Extract<Actor, { type: "user" }>;

/** Leeway for a clock a little ahead of the server's when someone types "now". */
const futureLeewayMs = 5 * 60_000;

/**
 * Records that a party was informed of an incident. The report to the market surveillance
 * authority stops the Art. 73 clock and marks the incident reported; for a malfunction, which has
 * no statutory clock, informing the provider does (Art. 26(5): the provider is informed first).
 */
export function recordNotification(deps: Deps, actor: Person, raw: RecordNotificationInput) {
  const input = recordNotificationInputSchema.parse(raw);
  const now = deps.now();
  const notifiedAt = Date.parse(input.notifiedAt);
  return write(deps.db, async (tx) => {
    const incident = await incidentRow(tx, input.incidentId);
    if (incident.status === "closed") {
      throw new AppError("CONFLICT", "the incident is closed: record notifications before closing it", [{ path: "incidentId", message: "closed" }]);
    }
    if (notifiedAt > now + futureLeewayMs) {
      throw new AppError("BAD_REQUEST", "notifiedAt must not be in the future: record a notification once it was sent", [
        { path: "notifiedAt", message: "in the future" },
      ]);
    }
    if (notifiedAt < incident.occurredAt) {
      throw new AppError("BAD_REQUEST", "notifiedAt must not be before the incident occurred", [{ path: "notifiedAt", message: "before occurredAt" }]);
    }
    const id = newId("ntf");
    await tx.insert(incidentNotifications)
      .values({ id, incidentId: incident.id, party: input.party, recipient: input.recipient, notifiedAt, note: input.note, recordedBy: actor.id, recordedAt: now })
      .run();
    const reported = incident.status === "open" && stopsTheClock(incident.kind, input.party);
    if (reported) await tx.update(incidents).set({ status: "reported" }).where(eq(incidents.id, incident.id)).run();
    await appendAudit(tx, actor, now, {
      action: "incident.notified",
      entityType: "incident",
      entityId: incident.id,
      payload: {
        notificationId: id,
        party: input.party,
        notifiedAt: new Date(notifiedAt).toISOString(),
        recipientSha256: sha256(input.recipient),
        noteSha256: sha256(input.note),
        reportDueAt: incident.reportDueAt === null ? null : new Date(incident.reportDueAt).toISOString(),
        late: incident.reportDueAt !== null && input.party === "market_surveillance_authority" && notifiedAt > incident.reportDueAt,
        status: reported ? "reported" : incident.status,
      },
    });
    return { id, status: reported ? ("reported" as const) : incident.status };
  });
}

function stopsTheClock(kind: IncidentKind, party: NotifiedParty): boolean {
  return party === "market_surveillance_authority" || (kind === "malfunction" && party === "provider");
}
