import { sql } from "drizzle-orm";
import { reviewPolicySchema } from "@countersign/shared/policy";
import { operator, type Actor, type Deps } from "../../lib/context";
import { addGoldItems } from "../../modules/gold/add-gold";
import { deactivateGoldItem } from "../../modules/gold/manage";
import { recordInstructions } from "../../modules/instructions/record";
import { evaluateDrift } from "../../modules/metrics/drift";
import { grantQualification } from "../../modules/qualifications/grant";
import { recordReadinessReview } from "../../modules/readiness/record-review";
import { issueApiKey, systemForApiKey } from "../../modules/systems/api-keys";
import { createSystem } from "../../modules/systems/create-system";
import { haltSystem, resumeSystem } from "../../modules/systems/halt";
import { systemById } from "../../modules/systems/queries";
import { setBusinessCase } from "../../modules/systems/set-business-case";
import { recordStateSeen } from "../../modules/systems/state-seen";
import { createUser } from "../../modules/users/create-user";
import { reportVolume } from "../../modules/volume/report-volume";
import { adminEmail, businessCases, demoSystems, demoUsers, leadEmail, reviewerProfiles, training } from "./cast";
import { goldDefs, type GoldDef } from "./gold";
import { demoInstructions } from "./instructions";
import { scheduleDemoIncident } from "./incident";
import { scheduleDemoReversal } from "./reversal";
import type { VolumePlan } from "./plan";
import { day, hour, minute, utcDayStart } from "./random";
import type { SystemKey } from "./scenario";
import type { GoldState, Sim } from "./simulation";

export const demoPassword = "demo-password";
const systemKeys: SystemKey[] = ["refund", "kyc"];

export type Cast = { userIds: Map<string, string>; systemIds: Record<SystemKey, string>; apiKey: string };

/**
 * The set-up, a minute per step: the operator creates the accounts, the admin registers both AI
 * systems with their review policies (so the readiness review names her as their owner), issues
 * the demo API key and records every reviewer's training and authority.
 */
export async function setUp(at: (minutes: number) => Deps, start: number): Promise<Cast> {
  let step = 0;
  const next = () => at(start + step++);
  const userIds = new Map<string, string>();
  for (const user of demoUsers) userIds.set(user.email, (await createUser(next(), operator, user, demoPassword)).id);
  const admin: Actor = { type: "user", id: userIds.get(adminEmail)! };
  const systemIds = { refund: "", kyc: "" };
  for (const key of systemKeys) systemIds[key] = (await createSystem(next(), admin, demoSystems[key])).id;
  for (const key of systemKeys) await recordInstructions(next(), admin, { systemId: systemIds[key], ...demoInstructions[key] });
  const apiKey = (await issueApiKey(next(), admin, systemIds.refund, "demo")).key;
  for (const profile of reviewerProfiles) {
    for (const key of systemKeys) {
      const deps = next();
      const obtainedAt = deps.now() - day;
      await grantQualification(deps, admin, {
        userId: userIds.get(profile.email)!,
        systemId: systemIds[key],
        training: training[key],
        obtainedAt: new Date(obtainedAt).toISOString(),
        expiresAt: new Date(obtainedAt + 365 * day).toISOString(),
        authority: profile.authority[key],
      });
    }
  }
  // The lead holds no review authority (she is not a reviewer), but override, to resolve disputes, and stop.
  for (const key of systemKeys) {
    const deps = next();
    const obtainedAt = deps.now() - day;
    await grantQualification(deps, admin, {
      userId: userIds.get(leadEmail)!,
      systemId: systemIds[key],
      training: training[key],
      obtainedAt: new Date(obtainedAt).toISOString(),
      expiresAt: new Date(obtainedAt + 365 * day).toISOString(),
      authority: ["override", "stop"],
    });
  }
  return { userIds, systemIds, apiKey };
}

/** Deactivates the active gold items `which` picks (given when their copy was queued); a copy being reviewed stays. */
function retire(sim: Sim, admin: Actor, at: number, which: (gold: GoldState, now: number, queuedAt: number) => boolean) {
  sim.tl.at(at, async (now) => {
    for (const gold of sim.gold.filter((g) => g.active && !g.held)) {
      const queuedAt = (await sim.tl.deps(now).db.get<{ at: number }>(
        sql`SELECT received_at AS at FROM escalations WHERE gold_item_id = ${gold.goldItemId} AND status = 'queued'`,
      ))?.at ?? now;
      if (!which(gold, now, queuedAt)) continue;
      await deactivateGoldItem(sim.tl.deps(now), admin, gold.goldItemId);
      gold.active = false;
    }
  });
}

export const policies = {
  refund: reviewPolicySchema.parse(demoSystems.refund.policy),
  kyc: reviewPolicySchema.parse(demoSystems.kyc.policy),
};

const readiness = {
  refund: {
    attendees: ["Lena Fischer (oversight lead)", "Amira Haddad (platform admin)", "Head of Customer Care", "Finance business partner"],
    actions: [
      "Stop test within two weeks of go-live, with the gateway team watching",
      "The gateway reports daily volume from day one, so the verification rate is measured, not estimated",
      "Review every reviewer's gold-item catch rate after the first week",
    ],
    notes: "Approved at a 10% verification rate: €1.10 per item against €6.00 manual. Drift alert at ±5 points over 24 h.",
  },
  kyc: {
    attendees: ["Lena Fischer (oversight lead)", "Amira Haddad (platform admin)", "Money-laundering reporting officer", "Data protection officer"],
    actions: [
      "Two-person rule: keep two qualified reviewers on every shift, nights included",
      "Add gold items for sanctions near-matches",
      "Repeat the reviewer briefing before the docvision 5.1 upgrade",
    ],
    notes: "HITL by design: every onboarding is sent for verification by two qualified people before a decision is returned (our own four-eyes policy; Art. 14(5) does not apply to identity verification).",
  },
};

/** Business cases, gold items, the go-live readiness reviews, the stop test and the daily volume reports. */
export function scheduleMilestones(sim: Sim, cast: Cast, goLive: number, volumes: VolumePlan[]) {
  const { tl } = sim;
  const admin: Actor = { type: "user", id: cast.userIds.get(adminEmail)! };
  const leadId = cast.userIds.get(leadEmail)!;
  const lead: Actor = { type: "user", id: leadId };
  const dayBefore = goLive - 20 * hour;

  systemKeys.forEach((key, n) =>
    tl.at(dayBefore + n * 5 * minute, (now) =>
      setBusinessCase(tl.deps(now), admin, { systemId: cast.systemIds[key], businessCase: businessCases[key], liveSince: new Date(goLive).toISOString() }),
    ),
  );
  const addWave = (wave: GoldDef["wave"], system: SystemKey, at: number) =>
    tl.at(at, async (now) => {
      const defs = goldDefs.filter((g) => g.wave === wave && g.system === system);
      const added = await addGoldItems(tl.deps(now), admin, cast.systemIds[system], defs.map((g) => ({ escalation: g.body, expectedOutcome: "rejected", notes: g.notes })));
      added.forEach(({ goldItemId }, i) =>
        sim.gold.push({ def: defs[i]!, goldItemId, systemId: cast.systemIds[system], active: true, seenBy: new Set(), held: false }),
      );
    });
  addWave(1, "refund", dayBefore + hour);
  addWave(1, "kyc", dayBefore + hour + 4 * minute);
  systemKeys.forEach((key, n) =>
    tl.at(goLive - 40 * minute + n * 15 * minute, (now) =>
      recordReadinessReview(tl.deps(now), leadId, { systemId: cast.systemIds[key], milestone: "before_go_live", verdict: "go_with_actions", ...readiness[key] }),
    ),
  );

  // The stop test a week ago: halted and resumed by the lead, both with their reasons.
  const stopTest = goLive + 14 * day + 4 * hour;
  tl.at(stopTest, (now) =>
    haltSystem(tl.deps(now), lead, {
      systemId: cast.systemIds.refund,
      reason: "Stop test (go-live action): confirm the gateway stops automatic refunds and routes every request to the manual queue.",
    }),
  );
  // The gateway's next poll, 4 s later, is its first read of the halt: recorded, so the stop test counts.
  tl.at(stopTest + 4000, async (now) => {
    const deps = tl.deps(now);
    const system = await systemById(deps.db, cast.systemIds.refund);
    await recordStateSeen(deps, { id: system.id, keyId: (await systemForApiKey(deps, cast.apiKey))!.keyId }, { seq: system.stateSeq, state: system.state });
  });
  tl.at(stopTest + 12 * minute, (now) =>
    resumeSystem(tl.deps(now), lead, {
      systemId: cast.systemIds.refund,
      reason: "Stop test passed: the gateway read the halt from GET /api/v1/system within 4 s and switched to manual routing. Resuming automatic triage.",
    }),
  );

  // Five days ago the admin rotates the gold items: new ones in, the first ones out.
  const rotation = goLive + 16 * day + 2.5 * hour;
  addWave(2, "refund", rotation);
  addWave(2, "kyc", rotation + 2 * minute);
  retire(sim, admin, rotation + 5 * minute, (g) => g.def.wave === 1);
  // Yesterday she retires those that can test no one any more or sit unserved for two days, and adds fresh ones.
  const housekeeping = Math.min(utcDayStart(sim.seededAt) - 8 * hour, sim.seededAt - 20 * hour);
  retire(sim, admin, housekeeping, (g, now, queuedAt) => g.seenBy.size >= sim.reviewers.length || queuedAt < now - 2 * day);
  addWave(3, "refund", housekeeping + 3 * minute);
  addWave(3, "kyc", housekeeping + 4 * minute);
  scheduleDemoIncident(sim, { type: "user", id: leadId }, cast.systemIds.refund, housekeeping - 20 * hour);
  scheduleDemoReversal(sim, { type: "user", id: leadId }, cast.systemIds.refund, housekeeping - 10 * hour);

  // The gateway reports each day's volume just after midnight; Countersign checks drift as POST /api/v1/volume does.
  for (const volume of volumes) {
    tl.at(volume.reportAt, async (now) => {
      const systemId = cast.systemIds[volume.system];
      await reportVolume(tl.deps(now), systemId, {
        periodStart: new Date(volume.periodStart).toISOString(),
        periodEnd: new Date(volume.periodEnd).toISOString(),
        total: volume.total,
        escalated: volume.escalated,
      });
      await evaluateDrift(tl.deps(now), systemId);
    });
  }
}
