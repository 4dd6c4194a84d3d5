import type { Db } from "../../db/client";
import { everySystem } from "../../db/schema/tallies";
import { dayMs, dayOf, verificationFactsColumns, type VerificationFacts } from "./counts";
import { DayTally } from "./day-tally";
import { parseTallyRow, type StoredTallyRow } from "./record";

export type TallyWindow = { from: number; to: number; systemId: string | null };
type GoldCounts = { decided: number; caught: number };

/**
 * Every reviewer-day of a window [from, to), in day order: whole UTC days from
 * verification_tallies, and the partial first and last day (a window rarely starts or ends at
 * midnight UTC) counted from the verifications themselves.
 */
export function talliesInWindow(db: Db, window: TallyWindow): DayTally[] {
  const { firstWhole, endWhole, edges } = split(window, laterDecisions(db));
  const raw = edges.map(([from, to]) => countRaw(db, window, from, to));
  if (firstWhole >= endWhole) return raw.flat();
  const whole = db.$client
    .prepare("SELECT * FROM verification_tallies WHERE day >= ? AND day < ? AND system_id = ? ORDER BY day")
    .all(firstWhole, endWhole, window.systemId ?? everySystem) as StoredTallyRow[];
  return [...raw[0]!, ...whole.map((row) => DayTally.fromRow(parseTallyRow(row))), ...raw[1]!];
}

/** Gold decisions (decided, caught) per AI system in the window: whole days tallied, the edges counted raw. */
export function goldInWindow(db: Db, window: TallyWindow): Map<string, GoldCounts> {
  const { firstWhole, endWhole, edges } = split(window, laterDecisions(db));
  const gold = new Map<string, GoldCounts>();
  const add = (rows: (GoldCounts & { systemId: string })[]) => {
    for (const { systemId, decided, caught } of rows) {
      const counts = gold.get(systemId) ?? { decided: 0, caught: 0 };
      counts.decided += decided;
      counts.caught += caught;
      gold.set(systemId, counts);
    }
  };
  const raw = db.$client.prepare(
    `SELECT system_id AS systemId, count(*) AS decided, coalesce(sum(gold_caught = 1), 0) AS caught FROM verifications
      WHERE decided_at >= :from AND decided_at < :to AND (:systemId IS NULL OR system_id = :systemId) AND gold_caught IS NOT NULL GROUP BY system_id`,
  );
  for (const [from, to] of edges) if (from < to) add(raw.all({ from, to, systemId: window.systemId }) as (GoldCounts & { systemId: string })[]);
  if (firstWhole < endWhole) {
    add(
      db.$client
        .prepare(
          `SELECT system_id AS systemId, sum(gold_decided) AS decided, sum(gold_caught) AS caught FROM verification_tallies
            WHERE day >= :firstWhole AND day < :endWhole AND (:systemId IS NULL AND system_id <> '${everySystem}' OR system_id = :systemId)
              AND gold_decided > 0 GROUP BY system_id`,
        )
        .all({ firstWhole, endWhole, systemId: window.systemId }) as (GoldCounts & { systemId: string })[],
    );
  }
  return gold;
}

/** Whether anything was decided in [from, to): when nothing was decided after a window's end on its last day, that day's tally is the window's part. */
const laterDecisions = (db: Db) => (from: number, to: number) =>
  db.$client.prepare("SELECT 1 FROM verifications WHERE decided_at >= ? AND decided_at < ? LIMIT 1").get(from, to) !== undefined;

/**
 * The whole UTC days inside a window, and the stretches before and after them (all of it when no
 * day is whole). A window that ends now has nothing after its end on its last day: that day is read
 * whole from the tallies too, so usually only the first, partial day is counted from raw rows.
 */
export function split(window: { from: number; to: number }, anythingIn: (from: number, to: number) => boolean) {
  const firstWhole = Math.ceil(window.from / dayMs);
  let endWhole = Math.floor(window.to / dayMs);
  const lastDayStart = endWhole * dayMs;
  if (window.to > lastDayStart && lastDayStart >= window.from && !anythingIn(window.to, lastDayStart + dayMs)) endWhole += 1;
  const edges: [number, number][] =
    firstWhole < endWhole
      ? [
          [window.from, Math.min(firstWhole * dayMs, window.to)],
          [endWhole * dayMs, window.to],
        ]
      : [[window.from, window.to]];
  return { firstWhole, endWhole, edges };
}

/** One stretch of a window counted from raw rows, into one DayTally per reviewer and day. */
function countRaw(db: Db, window: TallyWindow, from: number, to: number): DayTally[] {
  if (from >= to) return [];
  const rows = db.$client
    .prepare(
      `SELECT ${verificationFactsColumns} FROM verifications v JOIN escalations e ON e.id = v.escalation_id
        WHERE v.decided_at >= :from AND v.decided_at < :to AND (:systemId IS NULL OR v.system_id = :systemId)
        ORDER BY v.decided_at, v.rowid`,
    )
    .raw()
    .iterate({ from, to, systemId: window.systemId }) as IterableIterator<VerificationFacts>;
  const days = new Map<string, DayTally>();
  for (const facts of rows) {
    const [reviewerId, decidedAt] = facts;
    const day = dayOf(decidedAt);
    const key = `${day} ${reviewerId}`;
    let tally = days.get(key);
    if (!tally) days.set(key, (tally = new DayTally(day, window.systemId ?? everySystem, reviewerId)));
    tally.add(facts);
  }
  return [...days.values()].sort((a, b) => a.day - b.day);
}
