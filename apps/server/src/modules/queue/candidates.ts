import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { dialectFor, type Engine } from "../../db/dialect";
import { engineOf } from "../../db/transaction";
import { statement, type Bound } from "../../lib/prepared";
import { reviewableSystemIdsText } from "../qualifications/in-force";
import { inOrder } from "../../lib/in-order";

type Candidate = { id: string; rank: number; receivedAt: number };
export type ReviewableSystem = { id: string; goldRate: number };

/**
 * The systems a reviewer may claim from now (a qualification in force, Art. 26(2)), with each
 * one's gold rate: the outer loop of the claim, a handful of rows per reviewer. `:reviewerId` and
 * `:now` name its parameters; a claim sends it with its first look (claim.ts).
 */
export const reviewableSystemsText = (engine: Engine) => `
  SELECT id, coalesce(${dialectFor(engine).jsonNumber("ai_systems.policy", "goldRate")}, 0) AS "goldRate"
    FROM ai_systems WHERE id IN ${reviewableSystemIdsText(dialectFor(engine))}`;
const ofOneSystem = { sqlite: `${reviewableSystemsText("sqlite")} AND slug = :slug`, postgres: `${reviewableSystemsText("postgres")} AND slug = :slug` };

/** Whether the reviewer may claim from the system named `systemSlug` now, with its gold rate. */
export async function reviewableSystem(tx: Tx, reviewerId: string, now: number, systemSlug: string): Promise<ReviewableSystem[]> {
  return statement(tx, ofOneSystem[engineOf(tx)]).all<ReviewableSystem>({ reviewerId, now, slug: systemSlug });
}

/** Gold items this reviewer has decided before, as SQL around the reviewer's id: a reviewer is never served the same gold twice. */
const goldSeen = [
  "(SELECT e.gold_item_id FROM verifications v JOIN escalations e ON e.id = v.escalation_id WHERE v.reviewer_id = ",
  " AND v.gold_caught IS NOT NULL)",
] as const;
export const goldSeenBy = (reviewerId: Bound<string>) => sql`${sql.raw(goldSeen[0])}${reviewerId}${sql.raw(goldSeen[1])}`;

/**
 * On PostgreSQL several processes claim at once, each in a transaction of its own: a probe locks
 * the row it finds and skips the rows other claims have locked, so two claims never wait for each
 * other nor take one item. SQLite's writers take turns, so there nothing can be locked.
 */
const lockingOnPostgres = { sqlite: "", postgres: " FOR UPDATE OF escalations SKIP LOCKED" } as const;

/** PostgreSQL's DESC puts nulls first unless told: the claim indexes are built NULLS LAST, SQLite's order, so the walk can use them. */
const rankNullsLast = { sqlite: "", postgres: " NULLS LAST" } as const;

/**
 * SQLite's planner, without statistics (Countersign never runs ANALYZE), would rather find a
 * system's queued items on escalations_system_status_idx and sort them: the walk is named.
 */
const claimIndex = (kind: "real" | "gold", engine: Engine) => (engine === "sqlite" ? ` INDEXED BY escalations_claim_${kind}_idx` : "");

const probe = (kind: "real" | "gold", engine: Engine, system = ":systemId") => `
  SELECT id, priority_rank AS rank, received_at AS "receivedAt" FROM escalations${claimIndex(kind, engine)}
   WHERE status = 'queued' AND gold_item_id IS ${kind === "real" ? "NULL" : "NOT NULL"} AND disputed_at IS NULL AND system_id = ${system}
     AND received_at <= :now
     ${kind === "gold" ? `AND gold_item_id NOT IN ${goldSeen.join(":reviewerId")}` : ""}
     AND NOT EXISTS (SELECT 1 FROM verifications v WHERE v.escalation_id = escalations.id AND v.reviewer_id = :reviewerId)
   ORDER BY priority_rank DESC${rankNullsLast[engine]}, received_at ASC LIMIT 1${lockingOnPostgres[engine]}`;

/**
 * The two probes of one system, run on every claim, their text built once per engine.
 * The real probe: the most urgent, oldest real item of one system this reviewer may take, a walk
 * down the partial index escalations_claim_real_idx that stops at the first row not already
 * verified by them (the two-person rule), so its cost does not grow with the queue.
 * The gold probe: a gold copy of one system this reviewer has not seen, once its drawn arrival
 * time has come; gold copies are few, on their own partial index.
 */
const probes = { real: probe("real", "sqlite"), gold: probe("gold", "sqlite") };

/**
 * On PostgreSQL each probe would be a round trip, so a claim sends every probe in one statement:
 * each its own CTE, with the same text, scalar parameters and locking as when sent alone, so
 * PostgreSQL plans each as it plans the probe (once per connection, as for any named statement).
 * Built once per number of systems.
 */
const allProbesOnPostgres = new Map<number, string>();
function allProbesFor(systems: number): string {
  let text = allProbesOnPostgres.get(systems);
  if (text === undefined) {
    const each = Array.from({ length: systems }, (_, i) => i);
    const ctes = each.flatMap((i) => [`real${i} AS (${probe("real", "postgres", `:system${i}`)})`, `gold${i} AS (${probe("gold", "postgres", `:system${i}`)})`]);
    const rows = each.flatMap((i) => [`SELECT ${i} AS system, 'real' AS kind, * FROM real${i}`, `SELECT ${i}, 'gold', * FROM gold${i}`]);
    allProbesOnPostgres.set(systems, (text = `WITH ${ctes.join(",\n")}\n${rows.join("\nUNION ALL ")}`));
  }
  return text;
}

type Probed = { real: (Candidate | undefined)[]; gold: (Candidate | undefined)[] };

async function probeEverySystem(tx: Tx, reviewerId: string, systems: ReviewableSystem[], now: number): Promise<Probed> {
  if (engineOf(tx) === "sqlite") {
    const find = (text: string, systemId: string) => statement(tx, text).get<Candidate>({ reviewerId, systemId, now });
    return { gold: await inOrder(systems, (s) => find(probes.gold, s.id)), real: await inOrder(systems, (s) => find(probes.real, s.id)) };
  }
  const params: Record<string, unknown> = { reviewerId, now };
  systems.forEach((s, i) => (params[`system${i}`] = s.id));
  const rows = await statement(tx, allProbesFor(systems.length)).all<Candidate & { system: number; kind: "real" | "gold" }>(params);
  const probed: Probed = { real: systems.map(() => undefined), gold: systems.map(() => undefined) };
  for (const { system, kind, ...candidate } of rows) probed[kind][system] = candidate;
  return probed;
}

const first = (candidates: (Candidate | undefined)[]) =>
  candidates
    .filter((c): c is Candidate => c !== undefined)
    .sort((a, b) => b.rank - a.rank || a.receivedAt - b.receivedAt)[0];

/**
 * Which item the next claim takes, from two indexed probes per reviewable system, chosen inside
 * the caller's transaction: on SQLite an IMMEDIATE one, on PostgreSQL with the chosen row locked
 * (so nobody else can take it in between). A gold copy takes its
 * place by priority and age like any escalation: served out of that order it would give itself
 * away. Its system's gold rate sets how often copies arrive (gold/serve.ts); at a rate of 0 a copy
 * comes only after every real item.
 */
export async function nextCandidate(tx: Tx, reviewerId: string, systems: ReviewableSystem[], now: number): Promise<string | null> {
  const { real, gold } = await probeEverySystem(tx, reviewerId, systems, now);
  const mixed = first([...real, ...gold.filter((_, i) => systems[i]!.goldRate > 0)]);
  return (mixed ?? first(gold))?.id ?? null;
}
