import type { EscalationInput } from "@countersign/shared/escalation";
import { day, hour, isWeekend, minute, type Rng, utcDayStart } from "./random";
import { expiredDocument, faceMatchLow, imageQuality, sanctionsNearMatch, tamperingSuspected, transliteration } from "./kyc-scenarios-1";
import { ageThreshold, duplicateIdentity, mrzChecksum, newDocumentDesign, pepMatch, proofOfAddressOld } from "./kyc-scenarios-2";
import { damagedOnArrival, highValue, lateDelivery, midValueGuardrail, missingEvidence, outsideReturnWindow } from "./refund-scenarios-1";
import {
  conflictingSignals,
  outOfDistribution,
  paymentMethodChanged,
  possibleDuplicate,
  priceAdjustment,
  repeatRefunder,
  subscriptionRefund,
  translationUncertain,
  vulnerableCustomer,
} from "./refund-scenarios-2";
import { goldDefs } from "./gold";
import type { Scenario, ScenarioGenerator, SystemKey } from "./scenario";

/**
 * The three weeks before the demo starts, day by day: how many outputs each AI system produced,
 * how many it escalated, and the escalations themselves. Refund triage runs near its assumed 10%
 * until refund-triage-llm v3.2 rolls out five days ago: its guardrail escalates every refund above
 * €150, it is less sure of itself on damage claims, and the rate climbs to almost 40%. KYC is
 * HITL: every output is escalated.
 */

export type Arrival = { system: SystemKey; at: number; body: EscalationInput; scenario: Scenario };
export type VolumePlan = { system: SystemKey; periodStart: number; periodEnd: number; total: number; escalated: number; reportAt: number };
export type Plan = { arrivals: Arrival[]; volumes: VolumePlan[] };
/** The open escalations of the demo (received, never decided): when, and for which system. */
export type OpenArrival = { system: SystemKey; at: number };

/** Share of refund traffic on v3.2, by days before the demo (the rollout). */
const v32Share: Record<number, number> = { [-5]: 0.1, [-4]: 0.25, [-3]: 0.6, [-2]: 1, [-1]: 1, [0]: 1 };
/** What v3.2 adds to the verification rate at full rollout (its €150 guardrail, and damage claims it is unsure of). */
const guardrailRate = 0.28;
/** A price campaign: price-protection requests triple the exceptions for one day, and drift is raised, then cleared. */
const campaignDay = -14;
/** Days on which the gateway counted escalations that never reached Countersign (they failed validation). */
const gatewayExtra: Record<number, number> = { [-16]: 2, [-4]: 3 };
/** The KYC models were upgraded mid-way. */
const kycUpgradeDay = -10;

const refundMix = (campaign: boolean): [ScenarioGenerator, number][] => [
  [damagedOnArrival, 24],
  [lateDelivery, 10],
  [outsideReturnWindow, 8],
  [highValue, 3],
  [missingEvidence, 9],
  [possibleDuplicate, 8],
  [conflictingSignals, 6],
  [outOfDistribution, 4],
  [repeatRefunder, 6],
  [vulnerableCustomer, 4],
  [translationUncertain, 5],
  [paymentMethodChanged, 3],
  [priceAdjustment, campaign ? 70 : 5],
  [subscriptionRefund, 4],
];

const kycMix = (dayIndex: number): [ScenarioGenerator, number][] => [
  [transliteration, 10],
  [sanctionsNearMatch, 12],
  [expiredDocument, 10],
  [imageQuality, 10],
  [faceMatchLow, 12],
  [tamperingSuspected, 6],
  [pepMatch, 8],
  [proofOfAddressOld, 10],
  [ageThreshold, 5],
  [mrzChecksum, 8],
  [duplicateIdentity, 4],
  [newDocumentDesign, dayIndex >= kycUpgradeDay ? 6 : 1],
];

// Customers write at any hour, mostly in the day; applicants onboard in the day and evening.
const hourWeights: Record<SystemKey, number[]> = {
  refund: Array.from({ length: 24 }, (_, h) => (h < 6 ? 0.35 : h < 9 ? 0.8 : h < 21 ? 1.2 : 0.7)),
  kyc: Array.from({ length: 24 }, (_, h) => (h < 6 ? 0.2 : h < 10 ? 0.8 : h < 22 ? 1.2 : 0.5)),
};

/** `n` arrival times in [from, to), weighted by the hour of day. */
function arrivalTimes(rng: Rng, system: SystemKey, from: number, to: number, n: number): number[] {
  const slots: [number, number][] = [];
  for (let t = from; t < to; t += hour) slots.push([t, hourWeights[system][Math.floor((t - utcDayStart(t)) / hour)]! * (Math.min(to, t + hour) - t)]);
  const times = Array.from({ length: n }, () => {
    const start = rng.weighted(slots);
    return Math.floor(start + rng.next() * (Math.min(to, start + hour) - start));
  });
  return times.sort((a, b) => a - b);
}

function kycModel(kind: Scenario["modelKind"], dayIndex: number) {
  const upgraded = dayIndex >= kycUpgradeDay;
  const docvision = `kyc-docvision ${upgraded ? "5.1" : "5.0"}`;
  if (kind === "facematch") return `kyc-facematch ${upgraded ? "2.4" : "2.3"}`;
  if (kind === "screening") return `${docvision} + screening ${upgraded ? "2.8" : "2.7"}`;
  return docvision;
}

/** The models are fairly well calibrated: more confident when they turn out right, less when wrong. */
function calibrated(scenario: Scenario): Scenario {
  const c = scenario.body.confidence;
  const confidence = Math.round((scenario.truth === "approved" ? c + (0.98 - c) * 0.55 : c * 0.72) * 100) / 100;
  return { ...scenario, body: { ...scenario.body, confidence } };
}

function dueAt(rng: Rng, at: number, scenario: Scenario) {
  const hours = scenario.dueInHours ?? (scenario.body.priority === "urgent" ? 4 : scenario.body.priority === "high" ? 24 : rng.chance(0.3) ? 72 : null);
  return hours === null ? {} : { dueAt: new Date(at + hours * hour).toISOString() };
}

/**
 * Plans every historical arrival and every daily volume report. `open` are the demo's open
 * escalations: they count in their day's received total, so the planned history fills the rest.
 */
export function planHistory(rng: Rng, seededAt: number, goLive: number, open: OpenArrival[], cutoff: Record<SystemKey, number>): Plan {
  const today = utcDayStart(seededAt);
  const arrivals: Arrival[] = [];
  const volumes: VolumePlan[] = [];
  const serial: Record<SystemKey, number> = { refund: 0, kyc: 0 };
  const openIn = (system: SystemKey, from: number, to: number) => open.filter((o) => o.system === system && o.at >= from && o.at < to).length;

  const add = (system: SystemKey, at: number, generator: ScenarioGenerator, dayIndex: number, model: string) => {
    const n = serial[system]++;
    const scenario = calibrated(generator({ rng, at, serial: n, model }));
    const resolvedModel = system === "kyc" ? kycModel(scenario.modelKind, dayIndex) : model;
    const body: EscalationInput = { externalId: "", model: resolvedModel, ...scenario.body, ...dueAt(rng, at, scenario) };
    arrivals.push({ system, at, body, scenario });
  };

  let lastRefund = { total: 120, rate: 0.1 };
  for (let d = Math.floor((goLive - today) / day); d <= 0; d++) {
    const start = Math.max(today + d * day, goLive);
    const end = d === 0 ? seededAt : today + (d + 1) * day;
    const span = (end - start) / day;
    const weekend = isWeekend(today + d * day);

    // Refund triage: total outputs, the rate the day ran at, and the exceptions behind it.
    const share = v32Share[d] ?? 0;
    const total = d === 0 ? lastRefund.total : Math.round(span * (weekend ? rng.int(100, 106) : rng.int(104, 118)));
    const base = d === campaignDay ? rng.between(0.16, 0.17) : rng.between(0.093, 0.107);
    const rate = d === 0 ? lastRefund.rate : base + share * guardrailRate * rng.between(0.96, 1.04);
    const received = Math.round(total * rate * (d === 0 ? span : 1));
    const refundEnd = Math.min(end, cutoff.refund);
    const history = Math.max(0, received - openIn("refund", start, end));
    const guardrailShare = (share * guardrailRate) / rate;
    for (const at of refundEnd > start ? arrivalTimes(rng, "refund", start, refundEnd, history) : []) {
      const model = rng.chance(share) ? "refund-triage-llm v3.2" : "refund-triage-llm v3.1";
      const extra = rng.chance(guardrailShare);
      const generator = extra ? (rng.chance(0.6) ? midValueGuardrail : damagedOnArrival) : rng.weighted(refundMix(d === campaignDay));
      add("refund", at, generator, d, extra ? "refund-triage-llm v3.2" : model);
    }

    // KYC (HITL): every onboarding is escalated, so the day's total is what arrives.
    const kycTarget = Math.round(span * (weekend ? rng.int(3, 5) : rng.int(5, 7)));
    const kycEnd = Math.min(end, cutoff.kyc);
    const kycHistory = Math.max(0, kycTarget - openIn("kyc", start, end));
    const kycTimes = kycEnd > start ? arrivalTimes(rng, "kyc", start, kycEnd, kycHistory) : [];
    for (const at of kycTimes) add("kyc", at, rng.weighted(kycMix(d)), d, "");

    if (d === 0) break; // Today is not over: the gateway reports it tomorrow.
    lastRefund = { total, rate };
    const refundReceived = history + openIn("refund", start, end);
    const reportAt = (offset: number) => Math.min(end + offset, seededAt - 20_000);
    volumes.push({ system: "refund", periodStart: start, periodEnd: end, total, escalated: refundReceived + (gatewayExtra[d] ?? 0), reportAt: reportAt(7 * minute) });
    const kycReceived = kycTimes.length + openIn("kyc", start, end);
    volumes.push({ system: "kyc", periodStart: start, periodEnd: end, total: kycReceived, escalated: kycReceived, reportAt: reportAt(9 * minute) });
  }
  arrivals.sort((a, b) => a.at - b.at);
  assignExternalIds(rng, arrivals);
  return { arrivals, volumes: volumes.filter((v) => v.reportAt > v.periodEnd) };
}

/**
 * The AI systems' own ids, rising with time up to just below the open escalations' (rt-40118…,
 * kyc-a7f301…), skipping the gold items' ids, so nothing in the queue stands out by its id.
 */
function assignExternalIds(rng: Rng, arrivals: Arrival[]) {
  const reserved = new Set(goldDefs.map((g) => g.body.externalId));
  const ids: Record<SystemKey, { below: number; step: number; format: (n: number) => string }> = {
    refund: { below: 40_100, step: 5, format: (n) => `rt-${n}` },
    kyc: { below: 0xa7_f2f0, step: 9, format: (n) => `kyc-${n.toString(16)}` },
  };
  for (const system of ["refund", "kyc"] as const) {
    const mine = arrivals.filter((a) => a.system === system);
    const { below, step, format } = ids[system];
    mine.forEach((arrival, i) => {
      let id = format(below - (mine.length - i) * step + rng.int(0, step - 2));
      while (reserved.has(id)) id = `${id}1`;
      arrival.body.externalId = id;
    });
  }
}
