import type { Outcome, Priority } from "@countersign/shared/enums";
import { priorityRank } from "@countersign/shared/enums";
import type { ReviewPolicy } from "@countersign/shared/policy";
import { sql } from "drizzle-orm";
import type { ReviewerProfile, Shift } from "./cast";
import type { GoldDef } from "./gold";
import { day, isWeekend, minute, type Rng, utcDayStart, hour } from "./random";
import type { Scenario, SystemKey } from "./scenario";
import type { Timeline } from "./timeline";

/** The queue as the simulated reviewers see it, and who is working when. */

export type GoldState = {
  def: GoldDef;
  goldItemId: string;
  systemId: string;
  active: boolean;
  seenBy: Set<string>;
  held: boolean;
};

/** One escalation the reviewers work on (a received history item, or a gold copy being served). */
export type Work = {
  system: SystemKey;
  id: string;
  externalId: string;
  scenario: Scenario;
  priority: Priority;
  receivedAt: number;
  evidenceCount: number;
  state: "queued" | "held" | "decided" | "disputed";
  leaseEnds: number;
  claimedAt: number;
  verifiedBy: string[];
  gold: GoldState | null;
  /** Two-person items whose second verifier disagrees; resolution null leaves it for the lead. */
  dispute: { second: Outcome; resolution: Outcome | null } | null;
};

export type Reviewer = { id: string; profile: ReviewerProfile; recent: string[]; skip: string | null };

export type Sim = {
  tl: Timeline;
  rng: Rng;
  /** Only for answering attention checks, whose sampling depends on random ids: keeps the rest of the story fixed. */
  attentionRng: Rng;
  seededAt: number;
  systemIds: Record<SystemKey, string>;
  policies: Record<SystemKey, ReviewPolicy>;
  work: Work[];
  gold: GoldState[];
  reviewers: Reviewer[];
  leadId: string;
  /** No review starts after this, so none is left half done when the demo starts. */
  lastStart: number;
  startReview: (sim: Sim, reviewer: Reviewer, work: Work, now: number) => Promise<void>;
};

/** The reviewer's shift on the day starting at `dayStart` (the surge shifts once they are rubber-stamping). */
function shiftOn(sim: Sim, profile: ReviewerProfile, dayStart: number): Shift | null {
  const surge = profile.surge && profile.stampsFromDaysAgo !== undefined && dayStart + day > sim.seededAt - profile.stampsFromDaysAgo * day;
  const week = surge ? profile.surge! : profile;
  return isWeekend(dayStart) ? week.weekends : week.weekdays;
}

/** The shift window containing `t`, if the reviewer is working then. */
export function shiftAt(sim: Sim, profile: ReviewerProfile, t: number): { start: number; end: number } | null {
  for (const dayStart of [utcDayStart(t), utcDayStart(t) - day]) {
    const shift = shiftOn(sim, profile, dayStart);
    if (!shift) continue;
    const start = dayStart + shift[0] * hour;
    const end = dayStart + shift[1] * hour;
    if (t >= start && t < end) return { start, end };
  }
  return null;
}

function nextShiftStart(sim: Sim, profile: ReviewerProfile, t: number): number {
  for (let dayStart = utcDayStart(t); dayStart < t + 9 * day; dayStart += day) {
    const shift = shiftOn(sim, profile, dayStart);
    if (shift && dayStart + shift[0] * hour > t) return dayStart + shift[0] * hour;
  }
  return t + day;
}

/** Whether the reviewer is rubber-stamping refund items at `now`. */
export function stamping(sim: Sim, reviewer: Reviewer, now: number): boolean {
  const from = reviewer.profile.stampsFromDaysAgo;
  return from !== undefined && now >= sim.seededAt - from * day;
}

export function schedulePoll(sim: Sim, reviewer: Reviewer, at: number) {
  sim.tl.at(at, (now) => poll(sim, reviewer, now));
}

/** A reviewer looks at the queue: takes an item if on shift and there is one, or comes back later. */
async function poll(sim: Sim, reviewer: Reviewer, now: number) {
  if (now > sim.lastStart) return;
  if (!shiftAt(sim, reviewer.profile, now)) {
    schedulePoll(sim, reviewer, nextShiftStart(sim, reviewer.profile, now) + sim.rng.between(0, 20) * minute);
    return;
  }
  const work = await pick(sim, reviewer, now);
  if (!work) {
    const idle = stamping(sim, reviewer, now) ? sim.rng.between(1, 3) : sim.rng.between(3, 9);
    schedulePoll(sim, reviewer, now + idle * minute);
    return;
  }
  await sim.startReview(sim, reviewer, work, now);
}

const available = (work: Work, now: number) => work.state === "queued" || (work.state === "held" && work.leaseEnds <= now);

/**
 * What the reviewer takes next: now and then a gold copy (at the system's gold rate, as the
 * server's own "claim next" mixes them in), otherwise the most urgent, oldest item of a system
 * they work on — sometimes the one after it, as people do.
 */
async function pick(sim: Sim, reviewer: Reviewer, now: number): Promise<Work | null> {
  const systems: SystemKey[] = stamping(sim, reviewer, now) ? ["refund"] : ["refund", "kyc"];
  const queues = systems
    .map((system) => ({
      system,
      items: sim.work.filter(
        (w) => w.system === system && !w.gold && available(w, now) && !w.verifiedBy.includes(reviewer.id) && w.id !== reviewer.skip && w.receivedAt < now,
      ),
    }))
    .filter((q) => q.items.length > 0);
  reviewer.skip = null;
  if (queues.length === 0) return null;
  const { system, items } = queues.length === 1 ? queues[0]! : sim.rng.weighted(queues.map((q) => [q, reviewer.profile.weights[q.system]] as const));
  // Each reviewer sees each gold item once, so gold soon runs out for them: draw at twice the rate to keep it in the mix.
  if (sim.rng.chance(2 * sim.policies[system].goldRate)) {
    const gold = await goldCopyFor(sim, reviewer, system, now);
    if (gold) return gold;
  }
  items.sort((a, b) => priorityRank[b.priority] - priorityRank[a.priority] || a.receivedAt - b.receivedAt);
  return items.length > 1 && sim.rng.chance(0.25) ? items[1]! : items[0]!;
}

/**
 * The arrived, queued copy of a gold item the reviewer has not decided yet, as a work item (under
 * the two-person rule the same copy waits for its next verifier, as a real item does).
 */
async function goldCopyFor(sim: Sim, reviewer: Reviewer, system: SystemKey, now: number): Promise<Work | null> {
  const candidates = sim.gold.filter((g) => g.def.system === system && !g.held && !g.seenBy.has(reviewer.id));
  const copyOf = (gold: GoldState) =>
    sim.tl.deps(now).db.get<{ id: string; externalId: string; receivedAt: number } | undefined>(
      sql`SELECT id, external_id AS externalId, received_at AS receivedAt FROM escalations
           WHERE gold_item_id = ${gold.goldItemId} AND status = 'queued' AND disputed_at IS NULL AND received_at < ${now} LIMIT 1`,
    );
  let found: { gold: GoldState; copy: NonNullable<Awaited<ReturnType<typeof copyOf>>> } | null = null;
  for (const gold of candidates) {
    const copy = await copyOf(gold);
    if (copy) {
      found = { gold, copy };
      break;
    }
  }
  if (!found) return null;
  const { gold, copy } = found;
  const known = sim.work.find((w) => w.id === copy.id);
  if (known) return known;
  const work: Work = {
    system,
    id: copy.id,
    externalId: copy.externalId,
    scenario: gold.def.scenario,
    priority: gold.def.body.priority ?? "normal",
    receivedAt: copy.receivedAt,
    evidenceCount: gold.def.body.evidence?.length ?? 0,
    state: "queued",
    leaseEnds: 0,
    claimedAt: 0,
    verifiedBy: [],
    gold,
    dispute: null,
  };
  sim.work.push(work);
  return work;
}
