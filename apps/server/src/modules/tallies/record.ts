import { sql } from "drizzle-orm";
import { rawStatement, statement, upsertRows } from "../../lib/prepared";
import type { Db, Tx } from "../../db/client";
import { everySystem, verificationTallies } from "../../db/schema/tallies";
import { dialectFor, type Engine } from "../../db/dialect";
import { engineOf } from "../../db/transaction";
import { dayMs, dayOf, decisionTiebreak, verificationFactsColumns, type VerificationFacts } from "./counts";
import { DayTally, type TallyRow } from "./day-tally";

/*
 * verification_tallies is kept in the transaction that changes what it counts: a decision adds
 * its verification to its reviewer's day (on its system and on every system); a verification that
 * stops counting (purged, or superseded when a decision is reopened) is taken out by counting
 * its reviewer's day again without it.
 */

type Key = { day: number; systemId: string; reviewerId: string };

const keysOf = (v: { day: number; systemId: string; reviewerId: string }): Key[] => [v, { ...v, systemId: everySystem }];

/**
 * Adds a just-recorded verification to its reviewer's day. The usual case appends (the newest
 * decision of the day); a verification decided before one already counted that day (a clock
 * that stepped back) has the day counted again, so the order the figures read stays decision order.
 */
export async function tallyVerification(tx: Tx, verificationId: string) {
  const engine = engineOf(tx);
  const row = (await rawStatement(tx, factsOfOneSql[engine]).get(verificationId)) as [...VerificationFacts, unknown, unknown];
  const verification = row.slice(0, -2) as VerificationFacts;
  const [reviewerId, decidedAt] = verification;
  // SQLite answers EXISTS with 1 or 0, PostgreSQL with a boolean.
  const [laterOnAny, laterOnOwn] = row.slice(-2).map(Boolean) as [boolean, boolean];
  const day = dayOf(decidedAt);
  const keys = keysOf({ day, systemId: verification[14], reviewerId });
  const stored = (await rawStatement(tx, storedDaysSql).all(day, reviewerId, keys[0]!.systemId)) as unknown[][];
  const rows: TallyRow[] = [];
  for (const key of keys) {
    if (key.systemId === everySystem ? laterOnAny : laterOnOwn) {
      await retallyDay(tx, key, []);
      continue;
    }
    const found = stored.find((values) => values[1] === key.systemId);
    const tally = found ? DayTally.fromRow(tallyRowOf(found)) : new DayTally(key.day, key.systemId, key.reviewerId);
    tally.add(verification);
    rows.push(tally.toRow());
  }
  // Both rows a decision adds to (its system's and every system's) in one statement.
  if (rows.length > 0) await upsertRows(tx, verificationTallies, rows, onTheDay);
}

// Prepared once per connection (lib/prepared.ts): a decision runs these, and building and
// compiling them each time cost more than running them.
const perEngine = (text: (engine: Engine) => string): Record<Engine, string> => ({ sqlite: text("sqlite"), postgres: text("postgres") });
/**
 * Whether a verification of the reviewer's day comes after `v` in decision order: on any system,
 * and on v's own. Both bounds of decided_at are plain ranges, so the probe reads the rest of v's day
 * (next to nothing) on the index, not the reviewer's or the system's whole history before it.
 */
const laterSameDay = (engine: Engine, ownSystem: boolean) => `EXISTS (SELECT 1 FROM verifications w
    WHERE w.reviewer_id = v.reviewer_id ${ownSystem ? "AND w.system_id = v.system_id" : ""}
      AND w.decided_at >= v.decided_at AND w.decided_at < (v.decided_at / ${dayMs} + 1) * ${dayMs}
      AND (w.decided_at > v.decided_at OR ${decisionTiebreak[engine].replace("v.", "w.")} > ${decisionTiebreak[engine]}))`;
/** A verification's facts, and whether its reviewer's day already counts a later one (nearly never: a clock that stepped back). */
const factsOfOneSql = perEngine(
  (engine) => `SELECT ${verificationFactsColumns[engine]}, ${laterSameDay(engine, false)}, ${laterSameDay(engine, true)}
    FROM verifications v JOIN escalations e ON e.id = v.escalation_id WHERE v.id = ?`,
);

/**
 * Takes a verification out of verification_tallies: call it in the transaction that supersedes
 * or deletes the verification (a reopened decision), before the row changes (its day is read from
 * it). Its reviewer's day is counted again from the verifications, without it. escalation_tallies
 * follows the rows by itself (triggers: a deleted verification and a status leaving 'decided' are
 * taken out); a verification that stays as a row marked superseded needs a trigger on that column
 * there, and the raw reads (verificationFactsColumns' callers, the reference) a condition.
 */
export async function untallyVerification(tx: Tx, verificationId: string) {
  await untally(tx, "v.id", [verificationId]);
}

/** Takes the verifications of these escalations out of the tallies (the retention purge, before it deletes them). */
export async function untallyVerificationsOf(tx: Tx, escalationIds: string[]) {
  await untally(tx, "v.escalation_id", escalationIds);
}

async function untally(tx: Tx, column: "v.id" | "v.escalation_id", ids: string[]) {
  const inList = dialectFor(engineOf(tx)).inJsonList("?");
  const leaving = await statement(tx, `SELECT v.id, v.decided_at / ${dayMs} AS day, v.system_id AS systemId, v.reviewer_id AS reviewerId
    FROM verifications v WHERE ${column} ${inList}`).all<Key & { id: string }>(JSON.stringify(ids));
  const excluded = leaving.map((v) => v.id);
  const days = new Map<string, Key>();
  for (const v of leaving) for (const key of keysOf(v)) days.set(`${key.day} ${key.systemId} ${key.reviewerId}`, key);
  for (const key of days.values()) await retallyDay(tx, key, excluded);
}

/** Counts one reviewer-day again from the verifications, leaving out the excluded ones. */
async function retallyDay(tx: Tx, key: Key, excluded: string[]) {
  const rows = (await rawStatement(tx, dayOfReviewerSql[engineOf(tx)]).all(
    key.reviewerId, key.day * dayMs, (key.day + 1) * dayMs, key.systemId, key.systemId, JSON.stringify(excluded),
  )) as VerificationFacts[];
  const tally = new DayTally(key.day, key.systemId, key.reviewerId);
  for (const verification of rows) tally.add(verification);
  if (tally.counts.decisions > 0) await store(tx, tally.toRow());
  else await tx.run(sql`DELETE FROM verification_tallies WHERE day = ${key.day} AND system_id = ${key.systemId} AND reviewer_id = ${key.reviewerId}`);
}

const dayOfReviewerSql = perEngine(
  (engine) => `SELECT ${verificationFactsColumns[engine]} FROM verifications v JOIN escalations e ON e.id = v.escalation_id
    WHERE v.reviewer_id = ? AND v.decided_at >= ? AND v.decided_at < ? AND (? = '*' OR v.system_id = ?)
      AND v.id NOT ${dialectFor(engine).inJsonList("?")}
    ORDER BY v.decided_at, ${decisionTiebreak[engine]}`,
);

const onTheDay = [verificationTallies.day, verificationTallies.systemId, verificationTallies.reviewerId];

async function store(tx: Tx | Db, row: TallyRow) {
  await upsertRows(tx, verificationTallies, [row], onTheDay);
}

/**
 * verification_tallies' columns in the order tallyRowOf reads them: a whole day is read without its
 * instants and facts (allTallyColumns' last two), which only a day a window cuts needs.
 */
export const tallyColumns = `day, system_id, reviewer_id, decisions, approvals, judged, near_floor, gold_decided, gold_caught, with_evidence,
  evidence_opened, verdicts, against_ai, switched_to_ai, attention_checks, attention_wrong, bands, active_seconds, approval_sequence, similarities`;
export const allTallyColumns = `${tallyColumns}, decided_ms, facts`;
/** A reviewer's day on one system and on every system. */
const storedDaysSql = `SELECT ${allTallyColumns} FROM verification_tallies WHERE day = ? AND reviewer_id = ? AND system_id IN (?, '${everySystem}')`;

/** Reads a row fetched raw in tallyColumns' order (raw values: named columns cost more than the rest at 1,500 rows). */
export function tallyRowOf(values: unknown[]): TallyRow {
  const v = values as (number & string)[];
  return {
    day: v[0]!,
    systemId: v[1]!,
    reviewerId: v[2]!,
    decisions: v[3]!,
    approvals: v[4]!,
    judged: v[5]!,
    nearFloor: v[6]!,
    goldDecided: v[7]!,
    goldCaught: v[8]!,
    withEvidence: v[9]!,
    evidenceOpened: v[10]!,
    verdicts: v[11]!,
    againstAi: v[12]!,
    switchedToAi: v[13]!,
    attentionChecks: v[14]!,
    attentionWrong: v[15]!,
    bands: JSON.parse(v[16]!) as [number, number][],
    activeSeconds: JSON.parse(v[17]!) as number[],
    approvalSequence: v[18]!,
    similarities: JSON.parse(v[19]!) as number[],
    decidedMs: v.length > 20 ? (JSON.parse(v[20]!) as number[]) : [],
    facts: v.length > 21 ? (JSON.parse(v[21]!) as number[]) : [],
  };
}
