import { heartbeatSeconds } from "@countersign/shared/policy";
import { requiredDwellSeconds } from "@countersign/shared/review";
import { escalations } from "../../db/schema/escalations";
import { eq } from "drizzle-orm";
import type { Actor } from "../../lib/context";
import { answerRequest } from "../../modules/affected-person-requests/answer";
import { recordRequest } from "../../modules/affected-person-requests/record";
import { recordReReview } from "../../modules/affected-person-requests/re-review";
import { recordHeartbeat } from "../../modules/queue/heartbeat";
import { claimEscalation } from "../../modules/queue/claim";
import { decide } from "../../modules/reviews/decide";
import { reopenDecision } from "../../modules/reviews/reopen";
import { readableChars } from "../../modules/reviews/situation";
import { hour, minute } from "./random";
import type { Sim } from "./simulation";
import { statement } from "../../lib/prepared";

type Person = Actor & { type: "user" };
const second = 1000;

/**
 * A reversal and an affected person's request, so a new user sees both workflows: a customer
 * contests an approved refund (GDPR Art. 22(3)); the lead records the request and routes it to a
 * reviewer with the override authority, then reopens the decision (Art. 14(4)(d)), which marks the
 * request "re-review requested"; another reviewer decides the new round; the assignee records the
 * re-review and answers. Fixed texts and times, no draw from the simulation's random stream, so
 * the rest of the demo's history is the same with or without it.
 */
export function scheduleDemoReversal(sim: Sim, lead: Person, refundSystemId: string, at: number) {
  const { tl } = sim;
  let contested: { id: string; externalId: string; verifiedBy: string } | undefined;
  let requestId = "";
  let assignee: Person | undefined;
  tl.at(at, async (now) => {
    const deps = tl.deps(now);
    // The latest approval one reviewer decided alone, not held by an incident, decided at least three hours ago.
    contested = await statement(
      deps.db,
      `SELECT e.id, e.external_id AS externalId, v.reviewer_id AS verifiedBy FROM escalations e JOIN verifications v ON v.escalation_id = e.id
          WHERE e.system_id = ? AND e.status = 'decided' AND e.gold_item_id IS NULL AND e.round = 1 AND e.disputed_at IS NULL
            AND e.decided_at <= ? AND v.outcome = 'approved'
            AND (SELECT count(*) FROM verifications w WHERE w.escalation_id = e.id) = 1
            AND NOT EXISTS (SELECT 1 FROM incident_escalations i WHERE i.escalation_id = e.id)
          ORDER BY e.decided_at DESC, e.id LIMIT 1`,
    ).get<NonNullable<typeof contested>>(refundSystemId, now - 3 * hour);
    if (!contested) return;
    assignee = { type: "user", id: answeringReviewer(sim, contested.verifiedBy) };
    requestId = (await recordRequest(deps, lead, {
      systemId: refundSystemId,
      externalId: contested.externalId,
      kind: "human_intervention",
      requesterReference: "CS-2026-11-0457",
      receivedAt: new Date(now - 40 * minute).toISOString(),
      channel: "email",
      assigneeId: assignee.id,
    })).id;
  });
  tl.at(at + 35 * minute, async (now) => {
    if (!contested) return;
    await reopenDecision(tl.deps(now), lead.id, {
      escalationId: contested.id,
      reason:
        "The customer contests the refund approval (request CS-2026-11-0457): the carrier's report shows the parcel was delivered intact, so the damage claim needs a fresh review.",
    });
  });
  tl.at(at + 2 * hour, async (now) => {
    if (!contested || !assignee) return;
    await redecide(sim, contested.id, reviewerOtherThan(sim, [contested.verifiedBy, assignee.id]), now);
  });
  tl.at(at + 4 * hour, async (now) => {
    if (!contested || !assignee) return;
    const deps = tl.deps(now);
    await recordReReview(deps, assignee, {
      requestId,
      status: "completed",
      result: "Round 2 was reviewed by another reviewer, who rejected the refund: the carrier's delivery report shows no damage.",
      escalationId: contested.id,
    });
    await answerRequest(deps, assignee, {
      requestId,
      answer:
        "Your refund request was first approved by a reviewer with the help of an automated assessment. After you contested it, a different person reviewed it again with the carrier's delivery report, and decided not to refund the order: the report shows the parcel arrived intact. You may reply with photos of the damage for a further review.",
    });
  });
}

/** Who answers: a reviewer with the override authority on refunds who did not take the contested decision. */
function answeringReviewer(sim: Sim, decidedBy: string): string {
  return sim.reviewers.find((r) => r.id !== decidedBy && r.profile.authority.refund.includes("override"))!.id;
}

function reviewerOtherThan(sim: Sim, ids: string[]): string {
  return sim.reviewers.find((r) => !ids.includes(r.id) && r.profile.authority.refund.includes("review"))!.id;
}

/** The new round's review through the review screen's use cases: claim, heartbeats past the dwell, decide. */
async function redecide(sim: Sim, escalationId: string, reviewerId: string, claimedAt: number) {
  const { tl } = sim;
  const deps = tl.deps(claimedAt);
  await claimEscalation(deps, reviewerId, escalationId);
  const row = (await deps.db.select().from(escalations).where(eq(escalations.id, escalationId)).get())!;
  const reading = requiredDwellSeconds(sim.policies.refund, readableChars(row), row.priority) + 60;
  for (let at = heartbeatSeconds; at <= reading; at += heartbeatSeconds) {
    tl.at(claimedAt + at * second, (t) => recordHeartbeat(tl.deps(t), reviewerId, escalationId, { leaving: false }));
  }
  tl.at(claimedAt + (reading + 5) * second, (t) =>
    decide(tl.deps(t), reviewerId, {
      escalationId,
      outcome: "rejected",
      checklist: { "order-verified": "yes", "refund-policy": "no", "abuse-signals": "yes", "customer-message": "yes" },
      rationale:
        "Reopened after the customer contested it. The carrier's delivery report shows the parcel delivered intact and signed for, and no photo of damage was sent, so the damage claim is not supported: no refund.",
    }),
  );
}
