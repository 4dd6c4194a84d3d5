import type { Db } from "../../db/client";
import { everySystem } from "../../db/schema/tallies";
import { dayMs, dayOf } from "./counts";
import { DayTally } from "./day-tally";
import { allTallyColumns, tallyColumns, tallyRowOf } from "./record";

export type TallyWindow = { from: number; to: number; systemId: string | null };
type GoldCounts = { decided: number; caught: number };

/**
 * The UTC days of a window [from, to): the whole ones [firstWhole, endWhole), and the first and
 * last when the window starts or ends within them (a window rarely starts at midnight UTC).
 */
function daysOf(window: { from: number; to: number }) {
  if (window.to <= window.from) return { firstWhole: 0, endWhole: 0, cutBefore: [], cutAfter: [] };
  const first = dayOf(window.from);
  const last = dayOf(window.to - 1);
  const firstWhole = window.from > first * dayMs ? first + 1 : first;
  const endWhole = window.to < (last + 1) * dayMs ? last : last + 1;
  // A window within one day cuts that day once, before any whole day.
  return { firstWhole, endWhole, cutBefore: first < firstWhole ? [first] : [], cutAfter: last >= endWhole && last >= firstWhole ? [last] : [] };
}

/**
 * Every reviewer-day of a window [from, to), in day order, from verification_tallies alone: whole
 * UTC days as tallied, and of a day the window starts or ends within, the part inside it
 * (DayTally.part, from the day's instants and facts) — never the verifications themselves.
 */
export function talliesInWindow(db: Db, window: TallyWindow): DayTally[] {
  const { firstWhole, endWhole, cutBefore, cutAfter } = daysOf(window);
  const systemId = window.systemId ?? everySystem;
  const cutDay = db.$client.prepare(`SELECT ${allTallyColumns} FROM verification_tallies WHERE day = ? AND system_id = ?`).raw();
  const parts = (day: number) =>
    (cutDay.all(day, systemId) as unknown[][])
      .map((row) => DayTally.fromRow(tallyRowOf(row)).part(window.from, window.to))
      .filter((part) => part.counts.decisions > 0);
  const whole =
    firstWhole < endWhole
      ? (db.$client
          .prepare(`SELECT ${tallyColumns} FROM verification_tallies WHERE day >= ? AND day < ? AND system_id = ? ORDER BY day`)
          .raw()
          .all(firstWhole, endWhole, systemId) as unknown[][])
      : [];
  return [
    ...cutBefore.flatMap(parts),
    ...whole.map((row) => DayTally.fromRow(tallyRowOf(row))),
    ...cutAfter.flatMap(parts),
  ];
}

/** Gold decisions (decided, caught) per AI system in the window, from each system's reviewer-days (a cut day's part as above). */
export function goldInWindow(db: Db, window: TallyWindow): Map<string, GoldCounts> {
  const { firstWhole, endWhole, cutBefore, cutAfter } = daysOf(window);
  const systems = `(:systemId IS NULL AND system_id <> '${everySystem}' OR system_id = :systemId) AND gold_decided > 0`;
  const gold = new Map<string, GoldCounts>();
  const add = (systemId: string, decided: number, caught: number) => {
    const counts = gold.get(systemId) ?? { decided: 0, caught: 0 };
    counts.decided += decided;
    counts.caught += caught;
    gold.set(systemId, counts);
  };
  const cutDay = db.$client.prepare(`SELECT ${allTallyColumns} FROM verification_tallies WHERE day = :day AND ${systems}`).raw();
  for (const day of [...cutBefore, ...cutAfter]) {
    for (const row of cutDay.all({ day, systemId: window.systemId }) as unknown[][]) {
      const part = DayTally.fromRow(tallyRowOf(row)).part(window.from, window.to);
      add(part.systemId, part.counts.goldN, part.counts.goldCaught);
    }
  }
  if (firstWhole < endWhole) {
    const rows = db.$client
      .prepare(
        `SELECT system_id AS systemId, sum(gold_decided) AS decided, sum(gold_caught) AS caught FROM verification_tallies
          WHERE day >= :firstWhole AND day < :endWhole AND ${systems} GROUP BY system_id`,
      )
      .all({ firstWhole, endWhole, systemId: window.systemId }) as (GoldCounts & { systemId: string })[];
    for (const { systemId, decided, caught } of rows) add(systemId, decided, caught);
  }
  return gold;
}
