import type { EscalationInput } from "@countersign/shared/escalation";
import type { Deps } from "../../lib/context";
import { receiveEscalation } from "../../modules/escalations/receive";
import { leadEmail, reviewerProfiles } from "./cast";
import { policies, scheduleMilestones, setUp } from "./milestones";
import { planHistory, type Arrival } from "./plan";
import { day, hour, minute, seededRng, utcDayStart } from "./random";
import { startReview } from "./review";
import type { SystemKey } from "./scenario";
import { schedulePoll, type Sim, type Work } from "./simulation";
import { Timeline } from "./timeline";

/** One of the demo's open escalations: received at its time, then left for the visitor to review. */
export type OpenEscalation = { system: SystemKey; at: number; body: EscalationInput };

export type DemoHistory = { apiKey: string };

/**
 * Seeds the demo's three weeks: set-up, go-live, daily volume, a few hundred escalations reviewed
 * by five reviewers (one of whom starts rubber-stamping six days ago), gold items, two-person
 * checks with their disagreements, the stop test and the drift alert — every step through the use
 * cases, in time order, so the audit log holds the history like any other.
 */
export async function seedDemoHistory(deps: Deps, open: OpenEscalation[]): Promise<DemoHistory> {
  const seededAt = deps.now();
  const today = utcDayStart(seededAt);
  const goLive = today - 21 * day + 6 * hour;
  const atMinute = (minutes: number): Deps => ({ db: deps.db, now: () => today - 23 * day + 9 * hour + Math.round(minutes * minute) });
  const cast = await setUp(atMinute, 0);

  const rng = seededRng(20_261_122);
  const tl = new Timeline(deps.db, seededAt);
  const plan = planHistory(rng, seededAt, goLive, open, { refund: seededAt - 3 * hour, kyc: seededAt - 10 * hour });
  const sim: Sim = {
    tl,
    rng,
    attentionRng: seededRng(14),
    seededAt,
    systemIds: cast.systemIds,
    policies,
    work: [],
    gold: [],
    reviewers: reviewerProfiles.map((profile) => ({ id: cast.userIds.get(profile.email)!, profile, recent: [], skip: null })),
    leadId: cast.userIds.get(leadEmail)!,
    lastStart: seededAt - 16 * minute,
    startReview,
  };
  scheduleMilestones(sim, cast, goLive, plan.volumes);

  const disputes = planDisputes(plan.arrivals, today, seededAt);
  for (const arrival of plan.arrivals) {
    tl.at(arrival.at, async (now) => {
      const { id } = await receiveEscalation(tl.deps(now), cast.systemIds[arrival.system], arrival.body);
      const work: Work = {
        system: arrival.system,
        id,
        externalId: arrival.body.externalId,
        scenario: arrival.scenario,
        priority: arrival.body.priority ?? "normal",
        receivedAt: now,
        evidenceCount: arrival.body.evidence?.length ?? 0,
        state: "queued",
        leaseEnds: 0,
        claimedAt: 0,
        verifiedBy: [],
        gold: null,
        dispute: disputes.get(arrival) ?? null,
      };
      sim.work.push(work);
    });
  }
  for (const item of open) tl.at(item.at, (now) => receiveEscalation(tl.deps(now), cast.systemIds[item.system], item.body));
  for (const reviewer of sim.reviewers) schedulePoll(sim, reviewer, goLive + rng.between(0, 30) * minute);
  await tl.run();
  return { apiKey: cast.apiKey };
}

/**
 * Three two-person items whose verifiers disagree: a face match two weeks ago and a sanctions
 * near-match a week ago, both resolved by the lead, and the last KYC item of yesterday, still
 * waiting for her.
 */
function planDisputes(arrivals: Arrival[], today: number, seededAt: number) {
  const kyc = arrivals.filter((a) => a.system === "kyc");
  const find = (code: string, from: number) => kyc.find((a) => a.body.escalationReason.code === code && a.at >= from) ?? kyc.find((a) => a.at >= from);
  const cautious = (a: Arrival) => (a.scenario.truth === "escalated" || a.scenario.alt === "escalated" ? "escalated" : a.scenario.truth);
  const disputes = new Map<Arrival, Work["dispute"]>();
  const faces = find("face_match_low", today - 15 * day);
  if (faces) disputes.set(faces, { second: faces.scenario.alt, resolution: faces.scenario.truth });
  const sanctions = find("sanctions_near_match", today - 8 * day);
  if (sanctions) disputes.set(sanctions, { second: sanctions.scenario.alt, resolution: cautious(sanctions) });
  const pending = kyc.filter((a) => a.at <= seededAt - 20 * hour && !disputes.has(a)).at(-1);
  if (pending) disputes.set(pending, { second: pending.scenario.alt, resolution: null });
  return disputes;
}
