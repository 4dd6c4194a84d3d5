import type { Actor } from "../../lib/context";
import { recordNotification } from "../../modules/incidents/notify";
import { recordIncident } from "../../modules/incidents/record";
import { hour, minute } from "./random";
import type { Sim } from "./simulation";
import { statement } from "../../lib/prepared";

/**
 * A malfunction the lead recorded the day before yesterday: the refund model approved the same
 * order twice. Not a serious incident, so no Art. 73 clock; she informed the provider first
 * (Art. 26(5)), and the escalation stays on legal hold while the provider investigates.
 */
export function scheduleDemoIncident(sim: Sim, lead: Actor & { type: "user" }, refundSystemId: string, at: number) {
  sim.tl.at(at, async (now) => {
    const deps = sim.tl.deps(now);
    const row = await statement(
      deps.db,
      "SELECT external_id FROM escalations WHERE system_id = ? AND status = 'decided' AND gold_item_id IS NULL ORDER BY decided_at DESC, id LIMIT 1",
    ).value<string>(refundSystemId);
    const { id } = await recordIncident(deps, lead, {
      systemId: refundSystemId,
      title: "Duplicate refund approved for one order",
      description:
        "The refund model proposed a second refund for an order already refunded the week before; the reviewer approved it. Finance caught the double payment in reconciliation.",
      kind: "malfunction",
      severity: "medium",
      occurredAt: new Date(now - 26 * hour).toISOString(),
      awareAt: new Date(now - 2 * hour).toISOString(),
      escalations: row ? [row] : [],
    });
    // She reaches the provider's support desk 35 minutes later and records it right away.
    sim.tl.at(now + 40 * minute, (later) =>
      recordNotification(sim.tl.deps(later), lead, {
        incidentId: id,
        party: "provider",
        recipient: "Refund model vendor, support desk",
        notifiedAt: new Date(later - 5 * minute).toISOString(),
        note: "Ticket opened with the order numbers; vendor asked for the model version and both escalations.",
      }),
    );
  });
}
