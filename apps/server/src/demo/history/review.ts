import { asc, eq } from "drizzle-orm";
import type { ChecklistAnswer, Outcome } from "@countersign/shared/enums";
import { heartbeatSeconds } from "@countersign/shared/policy";
import { requiredDwellSeconds } from "@countersign/shared/review";
import { escalations } from "../../db/schema/escalations";
import { verifications } from "../../db/schema/reviews";
import { claimEscalation } from "../../modules/queue/claim";
import { recordHeartbeat } from "../../modules/queue/heartbeat";
import { releaseEscalation } from "../../modules/queue/release";
import { attentionCheckAsked, attentionSeed } from "../../modules/reviews/attention-check";
import { decide } from "../../modules/reviews/decide";
import { openEvidence } from "../../modules/reviews/open-evidence";
import { recordJudgement } from "../../modules/reviews/record-judgement";
import { resolveDispute } from "../../modules/reviews/resolve";
import { readableChars } from "../../modules/reviews/situation";
import { reviewView } from "../../modules/reviews/view";
import { hour, minute, utcDayStart, isWeekend } from "./random";
import { carefulRationale, judgementReason, resolutionRationale, stampRationale } from "./rationales";
import { correctedJson } from "./scenario";
import { schedulePoll, shiftAt, stamping, type Reviewer, type Sim, type Work } from "./simulation";

/**
 * One review, step by step, through the use cases the review screen calls: claim, open evidence,
 * record a judgement (KYC), answer an attention check, decide. A careful reviewer reads; a
 * rubber-stamper waits out the dwell floor and approves.
 */

type Decision = {
  outcome: Outcome;
  /** Seconds from claim to decision. */
  elapsed: number;
  /** Seconds of it with the review screen in front of the reviewer; the rest, the tab was hidden. */
  active: number;
  openings: { at: number; index: number }[];
  judgement: { at: number; verdict: "approve" | "reject" } | null;
};

const second = 1000;

export async function startReview(sim: Sim, reviewer: Reviewer, work: Work, now: number) {
  const { rng, tl } = sim;
  const claim = await claimEscalation(tl.deps(now), reviewer.id, work.id);
  work.state = "held";
  work.leaseEnds = claim.leaseExpiresAt;
  work.claimedAt = claim.claimedAt;
  if (work.gold) work.gold.held = true;

  // Queue-health realism: a claim now and then handed back, or left open until its lease runs out.
  if (!work.gold && rng.chance(0.025)) {
    tl.at(now + rng.between(20, 90) * second, async (t) => {
      await releaseEscalation(tl.deps(t), reviewer.id, work.id);
      work.state = "queued";
      reviewer.skip = work.id;
      schedulePoll(sim, reviewer, t + rng.between(20, 60) * second);
    });
    return;
  }
  if (!work.gold && now < sim.seededAt - 8 * hour && rng.chance(0.012)) {
    schedulePoll(sim, reviewer, now + rng.between(25, 50) * minute);
    return;
  }

  const decision = await plan(sim, reviewer, work, now);
  for (const opening of decision.openings) tl.at(now + opening.at, (t) => openEvidence(tl.deps(t), reviewer.id, work.id, opening.index));
  const judgement = decision.judgement;
  if (judgement) {
    tl.at(now + judgement.at, (t) =>
      recordJudgement(tl.deps(t), reviewer.id, { escalationId: work.id, verdict: judgement.verdict, reason: judgementReason(work.scenario, judgement.verdict) }),
    );
  }
  attend(sim, reviewer, work, decision, now);
  tl.at(now + decision.elapsed * second, (t) => finish(sim, reviewer, work, decision, t));
}

/**
 * The review screen's heartbeats, as the browser sends them: one per interval while visible, one
 * on hiding (leaving) and one on coming back. The time the reviewer spent elsewhere is one stretch after
 * the judgement; the server measures the active time from these, like any other review's.
 */
function attend(sim: Sim, reviewer: Reviewer, work: Work, decision: Decision, claimedAt: number) {
  const hidden = Math.max(0, decision.elapsed - decision.active);
  const hideAt = decision.elapsed * 0.75;
  const stretches: [number, number][] = hidden > 0 ? [[0, hideAt], [hideAt + hidden, decision.elapsed]] : [[0, decision.elapsed]];
  stretches.forEach(([from, to], n) => {
    const leaving = n < stretches.length - 1;
    for (let at = from; ; at = Math.min(at + heartbeatSeconds, to)) {
      const last = at >= to;
      if (at > 0) sim.tl.at(claimedAt + at * second, (t) => recordHeartbeat(sim.tl.deps(t), reviewer.id, work.id, { leaving: leaving && last }));
      if (last) break;
    }
  });
}

async function plan(sim: Sim, reviewer: Reviewer, work: Work, now: number): Promise<Decision> {
  const { rng } = sim;
  const row = (await sim.tl.deps(now).db.select().from(escalations).where(eq(escalations.id, work.id)).get())!;
  const required = requiredDwellSeconds(sim.policies[work.system], readableChars(row), row.priority);
  if (work.system === "refund" && stamping(sim, reviewer, now)) {
    const elapsed = required + rng.between(0.6, 3.2);
    // A glance away of up to a second, never so long that the dwell floor is missed.
    return { outcome: "approved", elapsed, active: Math.max(elapsed - rng.between(0, 1), required + 0.2), openings: [], judgement: null };
  }
  const outcome = chooseOutcome(sim, reviewer, work, now);
  const kyc = work.system === "kyc";
  const pace = reviewer.profile.pace * (outcome === "approved" ? 1 : 1.2);
  const reads = kyc || (work.evidenceCount > 0 && rng.chance(reviewer.profile.evidenceRate));
  const indices = reads ? Array.from({ length: work.evidenceCount }, (_, i) => i).filter((i) => i === 0 || rng.chance(kyc ? 0.5 : 0.3)) : [];
  // Careful readers give the day's last items the time they gave its first (the dashboard checks).
  const shift = shiftAt(sim, reviewer.profile, now);
  const late = shift ? 0.9 + (0.35 * (now - shift.start)) / (shift.end - shift.start) : 1;
  const reading = (kyc ? Math.max(required * rng.between(2.2, 3.8), 70) : required * rng.between(2.4, 4.4)) * late;
  const elapsed = Math.min(reading * pace + indices.length * rng.between(8, 25), 13 * 60);
  const openings = indices.map((index, n) => ({ at: ((n + 1) / (indices.length + 2)) * elapsed * 0.5 * second, index }));
  // Judgement first: "approve" is the reviewer's own verdict that the item should go through as summarised.
  const switched = rng.chance(0.03);
  const verdict = (outcome === "approved") !== switched ? "approve" : "reject";
  return {
    outcome,
    elapsed,
    active: elapsed * rng.between(0.8, 0.97),
    openings,
    judgement: kyc ? { at: elapsed * rng.between(0.55, 0.7) * second, verdict } : null,
  };
}

/** The careful call: the item's right outcome (gold: the known error, nearly always caught), now and then the wrong one. */
function chooseOutcome(sim: Sim, reviewer: Reviewer, work: Work, now: number): Outcome {
  if (work.gold) return sim.rng.chance(now < sim.seededAt - 7 * 24 * hour ? reviewer.profile.accuracy : 1) ? "rejected" : "approved";
  if (work.dispute && work.verifiedBy.length === 1) return work.dispute.second;
  if (work.system === "kyc" || work.scenario.obvious) return work.scenario.truth;
  return sim.rng.chance(reviewer.profile.accuracy) ? work.scenario.truth : work.scenario.alt;
}

function checklist(work: Work, outcome: Outcome): Record<string, ChecklistAnswer> {
  const fine = outcome === "approved";
  if (work.system === "refund") {
    const flagged = work.scenario.body.escalationReason.code === "abuse_signals" || work.scenario.body.escalationReason.code === "payment_method_changed";
    return { "order-verified": "yes", "refund-policy": fine ? "yes" : "no", "abuse-signals": !fine && flagged ? "no" : "yes", "customer-message": "yes" };
  }
  const code = work.scenario.body.escalationReason.code;
  const screening = code === "sanctions_near_match" || code === "pep_match";
  return {
    "document-authentic": !fine && (code === "tampering_suspected" || code === "duplicate_identity") ? "no" : "yes",
    "identity-match": !fine && (code === "face_match_low" || code === "document_mismatch") ? "no" : "yes",
    "document-valid": !fine && (code === "expired_document" || code === "address_mismatch") ? "no" : "yes",
    "screening-resolved": screening ? (fine ? "yes" : "no") : "na",
    "outcome-communicable": "yes",
  };
}

async function finish(sim: Sim, reviewer: Reviewer, work: Work, decision: Decision, now: number) {
  const { rng, tl } = sim;
  const stamped = work.system === "refund" && stamping(sim, reviewer, now);
  const { outcome } = decision;
  let attentionAnswer: number | undefined;
  // The attention check is sampled per claim; only then does the reviewer need the review screen's question.
  if (outcome === "approved" && attentionCheckAsked(sim.policies[work.system], attentionSeed(work.id, reviewer.id, work.claimedAt))) {
    const check = await reviewView(tl.deps(now), reviewer.id, work.id);
    if (check.attentionCheck) {
      const output = typeof check.aiOutput === "string" ? check.aiOutput : JSON.stringify(check.aiOutput, null, 2);
      const right = check.attentionCheck.options.findIndex((option) => output.toLowerCase().includes(option.toLowerCase()));
      const reads = stamped ? sim.attentionRng.chance(0.3) : sim.attentionRng.chance(0.96);
      attentionAnswer = reads && right >= 0 ? right : (right + 1 + sim.attentionRng.int(0, 2)) % 4;
    }
  }
  const rationale = stamped ? stampRationale(rng, work.externalId, reviewer.recent) : carefulRationale(rng, work.system, work.externalId, work.scenario, outcome, reviewer.recent);
  const opened = decision.openings.map((o) => o.index);
  const result = await decide(tl.deps(now), reviewer.id, {
    escalationId: work.id,
    outcome,
    checklist: checklist(work, outcome),
    rationale,
    ...(outcome === "modified" ? { correctedOutput: work.scenario.corrected ?? correctedJson({ decision: "manual_follow_up", note: "see rationale" }) } : {}),
    ...(outcome === "approved" && opened.length > 0 ? { supportingEvidence: opened.slice(0, 2) } : {}),
    ...(attentionAnswer === undefined ? {} : { attentionAnswer }),
  });
  reviewer.recent.unshift(rationale);
  reviewer.recent.length = Math.min(reviewer.recent.length, 50);
  work.verifiedBy.push(reviewer.id);
  if (work.gold) {
    work.gold.seenBy.add(reviewer.id);
    work.gold.held = false;
  }
  work.state = result.status === "decided" ? "decided" : result.status === "disputed" ? "disputed" : "queued";
  // A gold copy's disagreement reaches the lead like any other; she settles it on the known answer.
  const resolution = work.gold ? "rejected" : work.dispute?.resolution;
  if (result.status === "disputed" && resolution) scheduleResolution(sim, work, resolution, now);
  const gap = stamped ? rng.between(3, 12) : rng.between(30, 150);
  schedulePoll(sim, reviewer, now + gap * second);
}

/** The lead settles a disagreement during office hours (weekdays 07:00–17:00 UTC), a while after it came in. */
function scheduleResolution(sim: Sim, work: Work, outcome: Outcome, disputedAt: number) {
  let at = disputedAt + sim.rng.between(40, 180) * minute;
  const startOfDay = utcDayStart(at);
  const hourOfDay = (at - startOfDay) / hour;
  if (isWeekend(startOfDay) || hourOfDay < 7 || hourOfDay >= 17) {
    let next = startOfDay + (hourOfDay >= 17 ? 24 : 0) * hour;
    while (isWeekend(next)) next += 24 * hour;
    at = next + (7 + sim.rng.between(0.2, 2)) * hour;
  }
  sim.tl.at(at, async (t) => {
    // The lead adopts the verification that reached her outcome (the latest one when none did).
    const deps = sim.tl.deps(t);
    const recorded = await deps.db
      .select({ id: verifications.id, outcome: verifications.outcome })
      .from(verifications)
      .where(eq(verifications.escalationId, work.id))
      .orderBy(asc(verifications.decidedAt))
      .all();
    const adopted = recorded.find((v) => v.outcome === outcome) ?? recorded.at(-1)!;
    await resolveDispute(deps, sim.leadId, {
      escalationId: work.id,
      verificationId: adopted.id,
      rationale: resolutionRationale(adopted.outcome, work.scenario),
    });
    work.state = "decided";
  });
}
